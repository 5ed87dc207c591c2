/// Line-level searching shared by the head and chunked-body parsers, which
/// both work on raw bytes so a malformed byte never gets lost in decoding.
extension Array where Element == UInt8 {
    /// The index of the next CRLF at or after `start`.
    func indexOfLineEnd(from start: Int) -> Int? {
        var index = start
        while index + 1 < count {
            if self[index] == UInt8(ascii: "\r") && self[index + 1] == UInt8(ascii: "\n") { return index }
            index += 1
        }
        return nil
    }

    /// The bytes from `start` to `end` as text, invalid UTF-8 replaced.
    func text(from start: Int, to end: Int) -> String {
        String(decoding: self[start..<end], as: UTF8.self)
    }
}

extension StringProtocol {
    /// The text without the spaces and tabs HTTP allows around values.
    var trimmingHTTPWhitespace: String {
        let isWhitespace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isWhitespace($0) }), let last = lastIndex(where: { !isWhitespace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
