import HTTPServer
import JSON

/// Headers on every answer: no caching anywhere (token answers must not be
/// cached, and nothing else here benefits), and no content sniffing.
enum StandardHeaders {
    static let all: [(name: String, value: String)] = [
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ]
}

extension HTTPResponse {
    static func json(status: Int = 200, _ members: [(String, JSONValue)]) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: [("Content-Type", "application/json")] + StandardHeaders.all,
            body: JSONWriter.object(members)
        )
    }

    static let noContent = HTTPResponse(status: 204, headers: StandardHeaders.all)
}
