import HTTPServer

/// The access token of `Authorization: Bearer <token>` (RFC 6750, section 2.1).
enum BearerToken {
    /// The token, or nil when the request has no Bearer credentials (no
    /// Authorization field, or another scheme); the rules answer nil with
    /// `invalid_token`. Two Authorization fields, or a Bearer field whose
    /// token is empty or not token68, are a malformed request (RFC 6750,
    /// section 3.1).
    static func from(_ request: HTTPRequest) throws(Problem) -> String? {
        switch request.singleHeader(.authorization) {
        case .absent:
            return nil
        case .duplicate:
            throw .invalidRequest("more than one Authorization header")
        case .value(var field):
            switch field.withUTF8(credentials(in:)) {
            case .otherScheme: return nil
            case .malformed: throw .invalidRequest("the bearer token is empty or malformed")
            case .token(let token): return token
            }
        }
    }

    private enum Credentials {
        case otherScheme
        case malformed
        case token(String)
    }

    /// Read in one pass over the field's bytes, since every token check
    /// starts here: the scheme, case-insensitive (RFC 9110, section 11.1),
    /// one space, then the token with spaces or tabs around it.
    private static func credentials(in field: UnsafeBufferPointer<UInt8>) -> Credentials {
        let scheme = lowercaseScheme
        guard field.count >= scheme.count, scheme.indices.allSatisfy({ asciiLowercase(field[$0]) == scheme[$0] }),
            field.count == scheme.count || field[scheme.count] == UInt8(ascii: " ")
        else { return .otherScheme }

        var start = scheme.count
        var end = field.count
        while start < end, isSpace(field[start]) { start += 1 }
        while end > start, isSpace(field[end - 1]) { end -= 1 }
        let token = UnsafeBufferPointer(rebasing: field[start..<end])
        guard !token.isEmpty, token.allSatisfy(isToken68) else { return .malformed }
        return .token(String(decoding: token, as: UTF8.self))
    }

    private static let lowercaseScheme = Array("bearer".utf8)

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// The token68 alphabet of RFC 9110, which every koms token is drawn from.
    private static func isToken68(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"),
            UInt8(ascii: "/"), UInt8(ascii: "="):
            true
        default:
            false
        }
    }
}
