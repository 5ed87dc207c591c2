import HTTPServer

/// The access token of `Authorization: Bearer <token>` (RFC 6750, section 2.1).
enum BearerToken {
    /// The token, or nil when there is none; the rules answer nil with
    /// `invalid_token`. Two Authorization fields are a malformed request.
    static func from(_ request: HTTPRequest) throws(Problem) -> String? {
        let field: String
        switch request.singleHeader("Authorization") {
        case .absent: return nil
        case .duplicate: throw .invalidRequest("more than one Authorization header")
        case .value(let value): field = value
        }

        // The scheme is case-insensitive (RFC 9110, section 11.1). Working on
        // the UTF-8 view keeps this check from costing more than the lookup.
        let bytes = field.utf8
        guard let space = bytes.firstIndex(of: UInt8(ascii: " ")),
            String(field[..<space]).caseInsensitiveEquals("bearer")
        else { return nil }
        let token = field[bytes.index(after: space)...].trimmingASCIISpaces()
        return token.utf8.allSatisfy(isToken68) && !token.isEmpty ? token : nil
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
