/// Counts of observations at or below each bound, with their sum, as a
/// Prometheus histogram reports them (the buckets are cumulative when
/// written, not here).
public struct Histogram: Sendable {
    /// Seconds, from half a millisecond (a token check) to ten seconds
    /// (a login that waited long for a hashing thread).
    public static let latencyBounds: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]

    public let bounds: [Double]
    /// Observations in each bound's bucket alone; the last is above every bound.
    public private(set) var bucketCounts: [UInt64]
    public private(set) var sum: Double = 0
    public private(set) var count: UInt64 = 0

    public init(bounds: [Double] = Histogram.latencyBounds) {
        self.bounds = bounds
        bucketCounts = Array(repeating: 0, count: bounds.count + 1)
    }

    public mutating func observe(_ value: Double) {
        let bucket = bounds.firstIndex { value <= $0 } ?? bounds.count
        bucketCounts[bucket] += 1
        sum += value
        count += 1
    }

    /// Adds another histogram with the same bounds.
    public mutating func merge(_ other: Histogram) {
        for index in bucketCounts.indices {
            bucketCounts[index] += other.bucketCounts[index]
        }
        sum += other.sum
        count += other.count
    }
}
