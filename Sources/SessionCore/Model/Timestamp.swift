/// A moment as milliseconds since the Unix epoch: what the store keeps and
/// what the rules compare, free of time zones and calendars.
public struct Timestamp: Comparable, Hashable, Sendable {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    public func adding(seconds: Int) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: millisecondsSinceEpoch + Int64(seconds) * 1000)
    }

    /// Whole seconds from `self` until `later`, rounded down, and 0 once it has passed.
    public func wholeSeconds(until later: Timestamp) -> Int64 {
        max(0, (later.millisecondsSinceEpoch - millisecondsSinceEpoch) / 1000)
    }

    /// Whole seconds from `self` until `later`, rounded up, so that a client
    /// told to wait that long finds the wait over.
    public func wholeSeconds(roundingUpUntil later: Timestamp) -> Int64 {
        max(0, (later.millisecondsSinceEpoch - millisecondsSinceEpoch + 999) / 1000)
    }
}
