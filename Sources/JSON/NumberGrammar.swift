/// The number grammar of RFC 8259, section 6:
///
///     number = [ "-" ] int [ frac ] [ exp ]
///     int    = "0" / ( digit1-9 *DIGIT )
///     frac   = "." 1*DIGIT
///     exp    = ( "e" / "E" ) [ "-" / "+" ] 1*DIGIT
///
/// Only the shape is checked, never the magnitude: the text is kept as written, so a number too
/// large for any Swift type is still accepted and left for the caller to judge.
enum NumberGrammar {
    /// The index just past the number that starts at `start`.
    static func end(of bytes: [UInt8], from start: Int) throws(JSONParseError) -> Int {
        var index = start
        if index < bytes.count, bytes[index] == ASCII.minus {
            index += 1
        }

        // A zero must stand alone, so that `01` is not read as one.
        if index < bytes.count, bytes[index] == ASCII.zero {
            index += 1
            if index < bytes.count, ASCII.isDigit(bytes[index]) {
                throw .leadingZero(at: index)
            }
        } else {
            index = try digits(in: bytes, from: index)
        }

        if index < bytes.count, bytes[index] == ASCII.period {
            index = try digits(in: bytes, from: index + 1)
        }

        if index < bytes.count, bytes[index] == ASCII.lowerE || bytes[index] == ASCII.upperE {
            index += 1
            if index < bytes.count, bytes[index] == ASCII.plus || bytes[index] == ASCII.minus {
                index += 1
            }
            index = try digits(in: bytes, from: index)
        }
        return index
    }

    /// Whether `text` is exactly one JSON number and nothing else.
    static func matches(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return (try? end(of: bytes, from: 0)) == bytes.count
    }

    /// The index just past a run of one or more digits starting at `start`.
    private static func digits(in bytes: [UInt8], from start: Int) throws(JSONParseError) -> Int {
        var index = start
        while index < bytes.count, ASCII.isDigit(bytes[index]) {
            index += 1
        }

        guard index > start else {
            throw index < bytes.count ? .expected("a digit", at: index) : .unexpectedEnd(at: index)
        }
        return index
    }
}
