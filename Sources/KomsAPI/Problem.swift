import HTTPServer
import JSON

/// An RFC 9457 problem details answer: the status, a stable `code` for
/// programs, and a `detail` for people. `type` is left out, which RFC 9457
/// reads as about:blank, so `title` is the status's reason phrase.
struct Problem: Error {
    var status: Int
    var code: String
    var detail: String
    var headers: [(name: String, value: String)] = []
    /// Why, in more words than the client may hear: written to the log line
    /// only, never to the answer.
    var reason: String?

    var response: HTTPResponse {
        let body = JSONWriter.object([
            ("title", .string(Self.reasonPhrase(status))),
            ("status", .number(String(status))),
            ("detail", .string(detail)),
            ("code", .string(code)),
        ])
        return HTTPResponse(
            status: status,
            headers: [("Content-Type", "application/problem+json")] + headers + StandardHeaders.all,
            body: body
        )
    }

    /// A 401 with the RFC 6750 challenge every 401 of the API carries.
    static func unauthorized(code: String, detail: String, bearerError: String) -> Problem {
        let challenge = "Bearer realm=\"koms\", error=\"\(bearerError)\", error_description=\"\(detail)\""
        return Problem(status: 401, code: code, detail: detail, headers: [("WWW-Authenticate", challenge)])
    }

    static let notFound = Problem(status: 404, code: "not_found", detail: "no such resource")

    /// A 405 naming, in `Allow`, the methods the path has.
    static func methodNotAllowed(allowed: [String]) -> Problem {
        Problem(
            status: 405,
            code: "method_not_allowed",
            detail: "method not allowed here",
            headers: [("Allow", allowed.joined(separator: ", "))]
        )
    }

    static func invalidRequest(_ detail: String) -> Problem {
        Problem(status: 400, code: "invalid_request", detail: detail)
    }

    /// A 503 telling the client when to try again.
    static func unavailable(code: String, detail: String) -> Problem {
        Problem(status: 503, code: code, detail: detail, headers: [("Retry-After", "1")])
    }

    /// A 429 telling the client how many seconds to wait (RFC 6585, section 4).
    static func tooManyRequests(code: String, detail: String, retryAfterSeconds: Int) -> Problem {
        Problem(status: 429, code: code, detail: detail, headers: [("Retry-After", String(retryAfterSeconds))])
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Error"
        }
    }
}
