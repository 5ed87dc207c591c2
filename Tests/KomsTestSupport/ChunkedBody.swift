/// Decodes a `Transfer-Encoding: chunked` body (RFC 9112 §7.1).
enum ChunkedBody {
    /// A chunk-size line longer than this is garbage, not a slow sender.
    private static let maximumLineBytes = 4 * 1024

    /// Decodes the body that starts at `start`; nil while the last chunk
    /// or the trailer section has not fully arrived. Chunk extensions and
    /// trailer fields are read past and dropped.
    static func decode(_ bytes: [UInt8], from start: Int) throws(HTTPTestClientError) -> (body: [UInt8], end: Int)? {
        var body: [UInt8] = []
        var index = start
        while true {
            guard let lineEnd = try lineEnd(in: bytes, from: index) else { return nil }
            let size = try chunkSize(bytes.text(from: index, to: lineEnd))
            index = lineEnd + 2

            if size == 0 {
                guard let end = try trailerEnd(in: bytes, from: index) else { return nil }
                return (body, end)
            }

            guard bytes.count >= index + size + 2 else { return nil }
            guard bytes[index + size] == UInt8(ascii: "\r"), bytes[index + size + 1] == UInt8(ascii: "\n") else {
                throw .malformed("chunk of \(size) bytes not followed by CRLF")
            }
            body.append(contentsOf: bytes[index..<index + size])
            index += size + 2
        }
    }

    /// The chunk size in hex, ignoring any `;extension`.
    private static func chunkSize(_ line: String) throws(HTTPTestClientError) -> Int {
        let digits = line.prefix { $0 != ";" }.trimmingHTTPWhitespace
        guard !digits.isEmpty, digits.count <= 8, let size = Int(digits, radix: 16) else {
            throw .malformed("bad chunk size line \"\(line)\"")
        }
        return size
    }

    /// The index just past the blank line that ends the trailer section.
    private static func trailerEnd(in bytes: [UInt8], from start: Int) throws(HTTPTestClientError) -> Int? {
        var index = start
        while let end = try lineEnd(in: bytes, from: index) {
            if end == index { return end + 2 }
            index = end + 2
        }
        return nil
    }

    private static func lineEnd(in bytes: [UInt8], from start: Int) throws(HTTPTestClientError) -> Int? {
        if let end = bytes.indexOfLineEnd(from: start) { return end }
        guard bytes.count - start <= maximumLineBytes else {
            throw .malformed("no CRLF within \(maximumLineBytes) bytes of chunked body")
        }
        return nil
    }
}
