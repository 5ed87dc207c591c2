/// Calls from web pages of other origins (the CORS protocol of the Fetch
/// standard). Tokens travel in the Authorization header, never in cookies,
/// so no credentials mode is offered.
enum CORS {
    /// What a page may send: every header the API reads.
    static let allowedHeaders = "Authorization, Content-Type, x-koms-clientid, X-Request-Id"
    /// What a page may read of an answer besides the safelisted headers.
    static let exposedHeaders = "X-Request-Id, Retry-After, WWW-Authenticate"
    /// How long a browser may keep a preflight's answer.
    static let maxAgeSeconds = 600

    /// For the answer to a preflight that an allowed origin sent.
    static func preflightHeaders(origin: String, methods: [String]) -> [(name: String, value: String)] {
        [
            ("Access-Control-Allow-Origin", origin),
            ("Access-Control-Allow-Methods", methods.joined(separator: ", ")),
            ("Access-Control-Allow-Headers", allowedHeaders),
            ("Access-Control-Max-Age", String(maxAgeSeconds)),
            ("Vary", "Origin"),
        ]
    }

    /// For the answer to a request from an origin its client allows.
    static func responseHeaders(origin: String) -> [(name: String, value: String)] {
        [
            ("Access-Control-Allow-Origin", origin),
            ("Access-Control-Expose-Headers", exposedHeaders),
            ("Vary", "Origin"),
        ]
    }
}
