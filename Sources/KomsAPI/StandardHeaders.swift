import HTTPServer
import JSON

/// Headers on every answer: no caching anywhere (token answers must not be
/// cached, and nothing else here benefits), and no content sniffing.
enum StandardHeaders {
    static let all: [(name: String, value: String)] = [
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ]

    /// `all` with the JSON content type, built once rather than per answer.
    /// JSON is always UTF-8 (RFC 8259); the charset says so to clients that
    /// would guess otherwise.
    static let json: [(name: String, value: String)] = [("Content-Type", "application/json; charset=utf-8")] + all
}

extension HTTPResponse {
    static func json(status: Int = 200, _ members: [(String, JSONValue)]) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: StandardHeaders.json,
            body: JSONWriter.object(members)
        )
    }

    static let noContent = HTTPResponse(status: 204, headers: StandardHeaders.all)
}
