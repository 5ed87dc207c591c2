import HTTPServer
import Sodium
import Synchronization

/// Request ids unique within and across processes: a random prefix drawn at
/// start, and a counter, which is cheaper than random bytes per request.
final class RequestIDGenerator: Sendable {
    /// Eight characters of base64url with `.` for `-`, so that the dash
    /// before the count is the id's only one, and short enough that an id
    /// stays within a string's 15 inline bytes.
    private let prefix = Base64URL.encode(SecureRandom.bytes(count: 6)).utf8.map {
        $0 == UInt8(ascii: "-") ? UInt8(ascii: ".") : $0
    }
    private let counter = Atomic<UInt64>(0)

    /// `<prefix>-<count>`, written in one go: one string to make instead of
    /// three, and none from the heap while the count has under 7 digits.
    func next() -> String {
        let number = counter.add(1, ordering: .relaxed).newValue
        var digits = 1
        var rest = number
        while rest >= 10 {
            digits += 1
            rest /= 10
        }
        let length = prefix.count + 1 + digits
        return String(unsafeUninitializedCapacity: length) { text in
            _ = text.initialize(fromContentsOf: prefix)
            text[prefix.count] = UInt8(ascii: "-")
            var value = number
            for index in stride(from: length - 1, to: prefix.count, by: -1) {
                text[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
            return length
        }
    }

    static let maximumIncomingBytes = 128

    /// The id a proxy or client set in `X-Request-Id`, kept when it is one
    /// field of 1 to 128 letters, digits, `-`, `_`, `.` or `:`, which is
    /// enough for UUIDs and the ids of common proxies and nothing that
    /// could disturb a log line or a header.
    static func incoming(in request: HTTPRequest) -> String? {
        guard case .value(let value) = request.singleHeader(.xRequestID),
            (1...maximumIncomingBytes).contains(value.utf8.count),
            value.utf8.allSatisfy(isAllowed)
        else { return nil }
        return value
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: ":"):
            true
        default:
            false
        }
    }
}
