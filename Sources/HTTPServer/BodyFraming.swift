/// The checks of RFC 9112, section 6, that libmicrohttpd 0.9.75 leaves out.
/// A request whose length two parties could read differently is how
/// requests get smuggled past a proxy, so each of these is refused whole.
enum BodyFraming {
    /// Why the head's framing is refused, or nil when it is sound.
    static func problem(in request: HTTPRequest) -> String? {
        let lengths = request.headers(named: .contentLength)
        let codings = request.headers(named: .transferEncoding)
        if lengths.isEmpty && codings.isEmpty { return nil }

        if !codings.isEmpty {
            guard lengths.isEmpty else { return "both Content-Length and Transfer-Encoding are present" }
            let named = codings.flatMap { $0.split(separator: ",") }.map { $0.trimmingASCIISpaces().lowercased() }
            // Only chunked is understood, and a chunked body ends only if
            // chunked is its last coding.
            guard named == ["chunked"] else { return "the only transfer coding accepted is chunked" }
        }
        let distinct = Set(lengths.flatMap { $0.split(separator: ",") }.map { $0.trimmingASCIISpaces() })
        guard distinct.count <= 1 else { return "Content-Length fields disagree" }
        return nil
    }
}
