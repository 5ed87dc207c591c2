import HTTPServer
import JSON

/// The JSON object of a request body, read strictly: the media type must be
/// JSON, the text must parse, and only the expected members may appear.
struct RequestBody {
    private let object: JSONObject

    /// - Parameter allowed: every member name the endpoint knows.
    init(_ request: HTTPRequest, allowed: Set<String>) throws(Problem) {
        if !request.body.isEmpty || request.header(.contentType) != nil {
            try Self.requireJSONMediaType(request.header(.contentType))
        }
        guard !request.body.isEmpty else { throw .invalidRequest("the request body must be a JSON object") }

        let value: JSONValue
        do {
            value = try JSONParser.parse(request.body, maxDepth: 8)
        } catch {
            throw .invalidRequest("malformed JSON at byte \(error.offset): \(error.reason)")
        }
        guard case .object(let object) = value else {
            throw .invalidRequest("the request body must be a JSON object")
        }
        if let unknown = object.keys.first(where: { !allowed.contains($0) }) {
            throw .invalidRequest("unknown field \"\(Self.printable(unknown))\"")
        }
        self.object = object
    }

    /// A member that must be present and a string.
    func string(_ name: String) throws(Problem) -> String {
        guard let value = object[name] else { throw .invalidRequest("missing field \"\(name)\"") }
        guard case .string(let text) = value else { throw .invalidRequest("field \"\(name)\" must be a string") }
        return text
    }

    /// A member that may be absent, but if present must be a string.
    func optionalString(_ name: String) throws(Problem) -> String? {
        guard object[name] != nil else { return nil }
        return try string(name)
    }

    /// `application/json`, in any case, with parameters; a charset other than UTF-8 is refused.
    private static func requireJSONMediaType(_ contentType: String?) throws(Problem) {
        let parts = (contentType ?? "").split(separator: ";").map { $0.trimmingASCIISpaces().lowercased() }
        guard parts.first == "application/json" else {
            throw Problem(status: 415, code: "unsupported_media_type", detail: "the body must be application/json")
        }
        for parameter in parts.dropFirst() where parameter.hasPrefix("charset=") {
            let charset = parameter.dropFirst("charset=".count).filter { $0 != "\"" }
            guard charset == "utf-8" || charset == "utf8" else {
                throw Problem(status: 415, code: "unsupported_media_type", detail: "the body must be UTF-8 JSON")
            }
        }
    }

    /// A field name cut short and stripped of control characters, safe to echo.
    private static func printable(_ name: String) -> String {
        String(name.unicodeScalars.filter { $0.value >= 0x20 && $0 != "\"" && $0 != "\\" }.prefix(64))
    }
}
