/// Why a request body was rejected, in words that can be shown to the client that sent it.
public struct JSONParseError: Error, Equatable, Sendable {
    /// The byte offset in the input where the problem was found.
    public var offset: Int

    /// A short English description, e.g. `unexpected end of input`.
    public var reason: String

    /// Creates an error; public so that callers can build the errors they expect in tests.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }
}

/// Every reason the parser gives, kept together so the wording stays consistent.
extension JSONParseError {
    static func unexpectedEnd(at offset: Int) -> Self {
        Self(offset: offset, reason: "unexpected end of input")
    }

    static func byteOrderMark() -> Self {
        Self(offset: 0, reason: "byte-order mark is not allowed")
    }

    static func trailingData(at offset: Int) -> Self {
        Self(offset: offset, reason: "unexpected data after the value")
    }

    static func expectedValue(at offset: Int) -> Self {
        Self(offset: offset, reason: "expected a value")
    }

    static func invalidLiteral(at offset: Int) -> Self {
        Self(offset: offset, reason: "invalid literal")
    }

    static func expected(_ what: String, at offset: Int) -> Self {
        Self(offset: offset, reason: "expected \(what)")
    }

    static func duplicateKey(_ key: String, at offset: Int) -> Self {
        Self(offset: offset, reason: "duplicate key \"\(key)\"")
    }

    static func tooDeep(_ maxDepth: Int, at offset: Int) -> Self {
        Self(offset: offset, reason: "nesting deeper than \(maxDepth) levels")
    }

    static func leadingZero(at offset: Int) -> Self {
        Self(offset: offset, reason: "leading zeros are not allowed")
    }

    static func invalidUTF8(at offset: Int) -> Self {
        Self(offset: offset, reason: "invalid UTF-8")
    }

    static func controlCharacter(at offset: Int) -> Self {
        Self(offset: offset, reason: "unescaped control character in string")
    }

    static func invalidEscape(at offset: Int) -> Self {
        Self(offset: offset, reason: "invalid escape sequence")
    }

    static func unpairedSurrogate(at offset: Int) -> Self {
        Self(offset: offset, reason: "unpaired surrogate escape")
    }
}
