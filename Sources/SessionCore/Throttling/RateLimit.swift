/// A token bucket's shape: `burst` requests at once, refilled at
/// `perMinute`. A rate of 0 turns the limit off.
public struct RateLimit: Sendable, Equatable {
    public var perMinute: Int
    public var burst: Int

    public init(perMinute: Int, burst: Int) {
        self.perMinute = perMinute
        self.burst = burst
    }

    public static let unlimited = RateLimit(perMinute: 0, burst: 0)

    public var isUnlimited: Bool { perMinute <= 0 }
}
