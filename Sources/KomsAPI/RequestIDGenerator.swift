import Sodium
import Synchronization

/// Request ids unique within and across processes: a random prefix drawn at
/// start, and a counter, which is cheaper than random bytes per request.
final class RequestIDGenerator: Sendable {
    private let prefix = String(Base64URL.encode(SecureRandom.bytes(count: 6)))
    private let counter = Atomic<UInt64>(0)

    func next() -> String {
        let number = counter.add(1, ordering: .relaxed).newValue
        return "\(prefix)-\(String(number, radix: 36))"
    }
}
