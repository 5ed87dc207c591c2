/// The status line and header fields of one response, plus where its body
/// starts in the received bytes.
struct ResponseHead {
    /// A head longer than this is treated as garbage rather than read forever.
    static let maximumBytes = 64 * 1024

    var minorVersion: Int
    var status: Int
    var reason: String
    var headers: [(name: String, value: String)]
    /// The index just past the blank line that ends the head.
    var end: Int

    /// Parses the head that begins at `start`; nil while its blank line has
    /// not arrived yet.
    static func parse(_ bytes: [UInt8], from start: Int) throws(HTTPTestClientError) -> ResponseHead? {
        var lines: [String] = []
        var lineStart = start
        while let lineEnd = bytes.indexOfLineEnd(from: lineStart) {
            if lineEnd == lineStart {
                return try ResponseHead(lines: lines, end: lineEnd + 2)
            }
            lines.append(bytes.text(from: lineStart, to: lineEnd))
            lineStart = lineEnd + 2
        }
        guard bytes.count - start <= maximumBytes else {
            throw .malformed("no end of head within \(maximumBytes) bytes")
        }
        return nil
    }

    private init(lines: [String], end: Int) throws(HTTPTestClientError) {
        guard let statusLine = lines.first else { throw .malformed("empty line where a status line belongs") }
        (minorVersion, status, reason) = try Self.parseStatusLine(statusLine)
        headers = try lines.dropFirst().map { line throws(HTTPTestClientError) in try Self.parseField(line) }
        self.end = end
    }

    /// `HTTP/1.x SP 3DIGIT SP reason`; the reason may be empty, and some
    /// servers leave out the space before an empty reason.
    private static func parseStatusLine(
        _ line: String
    ) throws(HTTPTestClientError) -> (minorVersion: Int, status: Int, reason: String) {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let minor = Int(parts[0].dropFirst(7)),
            parts[1].count == 3, parts[1].allSatisfy({ ("0"..."9").contains($0) }), let status = Int(parts[1])
        else { throw .malformed("bad status line \"\(line)\"") }
        return (minor, status, parts.count == 3 ? String(parts[2]) : "")
    }

    private static func parseField(_ line: String) throws(HTTPTestClientError) -> (name: String, value: String) {
        guard let colon = line.firstIndex(of: ":") else { throw .malformed("header line without a colon \"\(line)\"") }
        let name = line[..<colon]
        // RFC 9112 §5: no whitespace may precede the colon, and obsolete line
        // folding shows up as a line that starts with whitespace.
        guard !name.isEmpty, !name.contains(" "), !name.contains("\t") else {
            throw .malformed("bad header name in \"\(line)\"")
        }
        return (String(name), line[line.index(after: colon)...].trimmingHTTPWhitespace)
    }

    /// Every value of `name`, case-insensitively.
    func values(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// The comma-separated list elements of `name`, lowercased, across all
    /// its fields (RFC 9110 §5.3 lets a list be split over several).
    func tokens(_ name: String) -> [String] {
        values(name).flatMap { $0.split(separator: ",") }.map { $0.trimmingHTTPWhitespace.lowercased() }
    }

    /// The declared body length; several fields must agree (RFC 9112 §6.3).
    func contentLength() throws(HTTPTestClientError) -> Int? {
        let declared = tokens("Content-Length")
        guard let first = declared.first else { return nil }
        guard let length = Int(first), length >= 0, declared.allSatisfy({ $0 == first }) else {
            throw .malformed("bad Content-Length \(values("Content-Length"))")
        }
        return length
    }

    /// 1xx responses other than 101 come before the final response, and
    /// the client skips them.
    var isInterim: Bool {
        (100..<200).contains(status) && status != 101
    }

    /// Whether the server says this connection ends after the response.
    var closesConnection: Bool {
        let options = tokens("Connection")
        return options.contains("close") || (minorVersion == 0 && !options.contains("keep-alive"))
    }
}
