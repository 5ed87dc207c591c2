/// One request as the application sees it: everything is copied out of
/// libmicrohttpd's connection memory, so the value stays valid on any thread
/// and after the connection is gone.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The path without its query string.
    public var path: String
    /// Header fields in the order received, names as the client sent them.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Set instead of `body` when the client declared or sent more than the
    /// server's body limit; the body was not kept.
    public var bodyExceedsLimit: Bool
    /// Set when the head frames the body ambiguously (RFC 9112, section 6):
    /// the request must be refused with 400, and the connection is closed.
    public var framingProblem: String?
    /// The peer's IP address in text form, such as `127.0.0.1` or `::1`.
    public var remoteAddress: String

    public init(
        method: String,
        path: String,
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = [],
        bodyExceedsLimit: Bool = false,
        framingProblem: String? = nil,
        remoteAddress: String = "127.0.0.1"
    ) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.bodyExceedsLimit = bodyExceedsLimit
        self.framingProblem = framingProblem
        self.remoteAddress = remoteAddress
    }

    /// The first field with this name, compared without regard to case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// Every field with this name, for the callers that must refuse duplicates.
    public func headers(named name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    /// The only field with this name: nil when there is none, and
    /// `.duplicate` when there are more, without building an array.
    public func singleHeader(_ name: String) -> SingleHeader {
        var found: String?
        for field in headers where field.name.caseInsensitiveEquals(name) {
            guard found == nil else { return .duplicate }
            found = field.value
        }
        return found.map(SingleHeader.value) ?? .absent
    }
}

/// What `HTTPRequest.singleHeader` found.
public enum SingleHeader: Equatable, Sendable {
    case absent
    case value(String)
    case duplicate
}

extension String {
    /// ASCII case-insensitive comparison, which is what RFC 9110 asks for
    /// field names and is cheaper than Foundation's locale-aware forms.
    package func caseInsensitiveEquals(_ other: String) -> Bool {
        // Most field names compared are of another length: the count of a
        // native string is stored, so this settles them without a scan.
        guard utf8.count == other.utf8.count else { return false }
        var lhs = utf8.makeIterator()
        var rhs = other.utf8.makeIterator()
        while true {
            switch (lhs.next(), rhs.next()) {
            case (nil, nil):
                return true
            case (let left?, let right?) where asciiLowercase(left) == asciiLowercase(right):
                continue
            default:
                return false
            }
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs, the only whitespace
    /// HTTP allows around field values (RFC 9110, section 5.5). It works on
    /// the UTF-8 bytes: going through Characters costs more than the rest
    /// of a token check together.
    package func trimmingASCIISpaces() -> String {
        let text = Substring(self)
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = text.utf8.firstIndex(where: { !isSpace($0) }),
            let last = text.utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }
}

private func asciiLowercase(_ byte: UInt8) -> UInt8 {
    (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
}
