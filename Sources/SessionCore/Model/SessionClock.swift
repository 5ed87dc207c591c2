import Foundation
import Synchronization

/// The source of "now" for every time-dependent rule, so that tests can move
/// time instead of sleeping.
public protocol SessionClock: Sendable {
    func now() -> Timestamp
}

/// The wall clock.
public struct SystemClock: SessionClock {
    public init() {}

    public func now() -> Timestamp {
        Timestamp(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}

/// A clock that moves only when told to.
public final class ManualClock: SessionClock {
    private let current: Mutex<Timestamp>

    public init(_ start: Timestamp = Timestamp(millisecondsSinceEpoch: 1_800_000_000_000)) {
        current = Mutex(start)
    }

    public func now() -> Timestamp {
        current.withLock { $0 }
    }

    public func advance(seconds: Double) {
        current.withLock { $0.millisecondsSinceEpoch += Int64(seconds * 1000) }
    }
}
