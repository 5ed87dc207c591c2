import Glibc
import Synchronization

/// Requests counted by route, method and status, with latency histograms
/// by route, recorded on every request from every event thread.
///
/// The series are split over stripes picked by the recording thread, so
/// that two event threads seldom wait for one lock; a scrape adds the
/// stripes up.
public final class RequestMetrics: Sendable {
    public struct Key: Hashable, Sendable {
        public var route: String
        public var method: String
        public var status: Int
    }

    /// One route's series in one stripe. A route sees a handful of method
    /// and status pairs, so a scan of them costs less than hashing a key.
    private struct RouteSeries {
        var latencies = Histogram()
        var counts: [(method: String, status: Int, count: UInt64)] = []

        mutating func record(method: String, status: Int, seconds: Double) {
            latencies.observe(seconds)
            if let index = counts.firstIndex(where: { $0.status == status && $0.method == method }) {
                counts[index].count += 1
            } else {
                counts.append((method, status, 1))
            }
        }
    }

    private struct Stripe {
        var routes: [String: RouteSeries] = [:]
    }

    private final class StripeBox: Sendable {
        let stripe = Mutex(Stripe())
    }

    private static let stripeBits = 3
    private static let stripeCount = 1 << stripeBits
    private let stripes = (0..<RequestMetrics.stripeCount).map { _ in StripeBox() }

    public init() {}

    public func record(route: String, method: String, status: Int, seconds: Double) {
        stripes[Self.stripeIndex()].stripe.withLock { stripe in
            stripe.routes[route, default: RouteSeries()].record(method: method, status: status, seconds: seconds)
        }
    }

    /// The calling thread's stripe. Thread handles are addresses a whole
    /// stack apart, so their low bits are alike: a multiplicative hash
    /// spreads them over the stripes.
    private static func stripeIndex() -> Int {
        let handle = UInt64(UInt(bitPattern: Int(bitPattern: pthread_self())))
        return Int(truncatingIfNeeded: (handle &* 0x9E37_79B9_7F4A_7C15) >> (64 - stripeBits))
    }

    /// Every series, added up over the stripes.
    public func snapshot() -> (counts: [Key: UInt64], latencies: [String: Histogram]) {
        var counts: [Key: UInt64] = [:]
        var latencies: [String: Histogram] = [:]
        for box in stripes {
            box.stripe.withLock { stripe in
                for (route, series) in stripe.routes {
                    latencies[route, default: Histogram()].merge(series.latencies)
                    for (method, status, count) in series.counts {
                        counts[Key(route: route, method: method, status: status), default: 0] += count
                    }
                }
            }
        }
        return (counts, latencies)
    }
}
