/// A header field name, kept in lowercase. Field names are case-insensitive
/// (RFC 9110, section 5.1), so requests store theirs in lowercase too, as
/// HTTP/2 sends them: a lookup is then a plain comparison, and a name of up
/// to 15 bytes is compared in registers without touching the heap.
public struct HeaderName: Hashable, Sendable, ExpressibleByStringLiteral {
    public let lowercased: String

    public init(_ name: String) {
        lowercased = name.asciiLowercased()
    }

    public init(stringLiteral name: String) {
        self.init(name)
    }

    public static let authorization: HeaderName = "authorization"
    public static let contentLength: HeaderName = "content-length"
    public static let contentType: HeaderName = "content-type"
    public static let origin: HeaderName = "origin"
    public static let transferEncoding: HeaderName = "transfer-encoding"
    public static let xForwardedFor: HeaderName = "x-forwarded-for"
    public static let xRequestID: HeaderName = "x-request-id"
    public static let accessControlRequestMethod: HeaderName = "access-control-request-method"
}

extension String {
    /// Only A to Z changed: what RFC 9110 means by case in field names, and
    /// cheaper than Foundation's Unicode-aware `lowercased()`.
    package func asciiLowercased() -> String {
        guard utf8.contains(where: isASCIIUppercase) else { return self }
        return String(decoding: utf8.map(asciiLowercase), as: UTF8.self)
    }
}

/// `byte` with A to Z turned into a to z.
package func asciiLowercase(_ byte: UInt8) -> UInt8 {
    isASCIIUppercase(byte) ? byte | 0x20 : byte
}

private func isASCIIUppercase(_ byte: UInt8) -> Bool {
    byte >= 0x41 && byte <= 0x5A
}
