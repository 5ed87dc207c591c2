/// Serialises a request exactly as the test wrote it, adding only the
/// fields every HTTP/1.1 request with a body needs.
enum RequestEncoder {
    /// Adds `Host` unless given, and `Content-Length` for a body unless the
    /// caller gave one or chose `Transfer-Encoding` framing instead. Names
    /// and values are not checked: malformed input is the point of some tests.
    static func encode(
        method: String,
        path: String,
        headers: [(String, String)],
        body: [UInt8]?,
        host: String
    ) -> [UInt8] {
        let given = Set(headers.map { $0.0.lowercased() })
        var fields = headers
        if !given.contains("host") {
            fields.insert(("Host", host), at: 0)
        }
        if let body, !given.contains("content-length"), !given.contains("transfer-encoding") {
            fields.append(("Content-Length", String(body.count)))
        }

        var head = "\(method) \(path) HTTP/1.1\r\n"
        for (name, value) in fields {
            head += "\(name): \(value)\r\n"
        }
        head += "\r\n"
        return Array(head.utf8) + (body ?? [])
    }
}
