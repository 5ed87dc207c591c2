import JSON
import Testing

@Suite("UTF-8 must be well formed everywhere")
struct UTF8Tests {
    @Test(
        "sequences at the edges of each length decode to their scalar",
        arguments: [
            ([0xC2, 0x80], 0x80),
            ([0xDF, 0xBF], 0x7FF),
            ([0xE0, 0xA0, 0x80], 0x800),
            ([0xED, 0x9F, 0xBF], 0xD7FF),
            ([0xEE, 0x80, 0x80], 0xE000),
            ([0xEF, 0xBF, 0xBF], 0xFFFF),
            ([0xF0, 0x90, 0x80, 0x80], 0x10000),
            ([0xF4, 0x8F, 0xBF, 0xBF], 0x10FFFF),
        ] as [([UInt8], UInt32)]
    )
    func wellFormed(bytes: [UInt8], scalar: UInt32) throws {
        let expected = String(Character(Unicode.Scalar(scalar)!))

        #expect(try JSONParser.parse(quoted(bytes)) == .string(expected))
    }

    @Test(
        "ill-formed sequences in a string are refused at their first byte",
        arguments: [
            [0x80],
            [0xBF],
            [0xC0, 0x80],
            [0xC1, 0xBF],
            [0xE0, 0x80, 0x80],
            [0xE0, 0x9F, 0xBF],
            [0xED, 0xA0, 0x80],
            [0xED, 0xBF, 0xBF],
            [0xF0, 0x80, 0x80, 0x80],
            [0xF0, 0x8F, 0xBF, 0xBF],
            [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80],
            [0xF8, 0x88, 0x80, 0x80, 0x80],
            [0xFE],
            [0xFF],
            [0xC2],
            [0xE2, 0x82],
            [0xF0, 0x9F, 0x98],
            [0xC2, 0x41],
            [0xE2, 0x28, 0xA1],
            [0xF0, 0x9F, 0x41, 0x80],
        ] as [[UInt8]]
    )
    func illFormed(bytes: [UInt8]) {
        let input = quoted([0x61] + bytes + [0x62])

        #expect(parseError(input) == JSONParseError(offset: 2, reason: "invalid UTF-8"))
    }

    @Test("a sequence cut short by the end of the input is ill-formed")
    func truncatedAtEnd() {
        #expect(parseError([0x22, 0xE2, 0x82]) == JSONParseError(offset: 1, reason: "invalid UTF-8"))
        #expect(parseError([0x22, 0xF0]) == JSONParseError(offset: 1, reason: "invalid UTF-8"))
    }

    @Test("ill-formed bytes in keys are refused too")
    func illFormedKey() {
        let input: [UInt8] = [0x7B, 0x22, 0xC0, 0xAF, 0x22, 0x3A, 0x31, 0x7D]

        #expect(parseError(input) == JSONParseError(offset: 2, reason: "invalid UTF-8"))
    }

    @Test("non-ASCII bytes outside strings are refused")
    func nonASCIIOutsideStrings() {
        #expect(parseError([0xFF]) == JSONParseError(offset: 0, reason: "expected a value"))
        #expect(
            parseError([0x5B, 0x31, 0x2C, 0xC3, 0xA9, 0x5D]) == JSONParseError(offset: 3, reason: "expected a value")
        )
        #expect(parseError([0x31, 0xC3, 0xA9]) == JSONParseError(offset: 1, reason: "unexpected data after the value"))
    }

    @Test("U+FEFF inside a string is ordinary text, not a byte-order mark")
    func byteOrderMarkInsideString() throws {
        #expect(try JSONParser.parse(quoted([0xEF, 0xBB, 0xBF])) == .string("\u{FEFF}"))
    }
}
