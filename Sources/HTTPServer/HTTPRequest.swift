/// One request as the application sees it: everything is copied out of
/// libmicrohttpd's connection memory, so the value stays valid on any thread
/// and after the connection is gone.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The path without its query string.
    public var path: String
    /// Header fields in the order received, names in lowercase.
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
        self.headers = headers.map { (name: $0.name.asciiLowercased(), value: $0.value) }
        self.body = body
        self.bodyExceedsLimit = bodyExceedsLimit
        self.framingProblem = framingProblem
        self.remoteAddress = remoteAddress
    }

    /// The first field with this name.
    public func header(_ name: HeaderName) -> String? {
        headers.first { $0.name == name.lowercased }?.value
    }

    /// Every field with this name, for the callers that must refuse duplicates.
    public func headers(named name: HeaderName) -> [String] {
        headers.filter { $0.name == name.lowercased }.map(\.value)
    }

    /// The only field with this name: nil when there is none, and
    /// `.duplicate` when there are more, without building an array.
    public func singleHeader(_ name: HeaderName) -> SingleHeader {
        var found: String?
        for field in headers where field.name == name.lowercased {
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
