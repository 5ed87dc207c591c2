import JSON
import Testing

@Suite("Strings: escapes, surrogates and control characters")
struct StringTests {
    @Test("plain and empty strings parse as written")
    func plainStrings() throws {
        #expect(try parse("\"\"") == .string(""))
        #expect(try parse("\"hello, world\"") == .string("hello, world"))
        #expect(try parse("\"héllo 世界 😀\"") == .string("héllo 世界 😀"))
    }

    @Test("each short escape decodes to its character")
    func shortEscapes() throws {
        let value = try parse(#""\"\\\/\b\f\n\r\t""#)

        #expect(value == .string("\"\\/\u{08}\u{0C}\n\r\t"))
    }

    @Test("escapes mix with plain text on both sides")
    func escapesAmongText() throws {
        #expect(try parse(#""line one\nline two""#) == .string("line one\nline two"))
        #expect(try parse(#""\\start and end\\""#) == .string("\\start and end\\"))
        #expect(try parse(#""é\tü""#) == .string("é\tü"))
    }

    @Test("\\u escapes accept either case of hex digit")
    func unicodeEscapes() throws {
        #expect(try parse(#""\u0041\u00e9\u00E9\u20AC\uFFFF""#) == .string("Aéé€\u{FFFF}"))
    }

    @Test("a surrogate pair escape combines into one scalar")
    func surrogatePairs() throws {
        #expect(try parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try parse(#""\uD800\uDC00""#) == .string("\u{10000}"))
        #expect(try parse(#""\uDBFF\uDFFF""#) == .string("\u{10FFFF}"))
        #expect(try parse(#""a\uD83D\uDE00b""#) == .string("a😀b"))
    }

    @Test(
        "a surrogate escape without its partner is refused",
        arguments: [
            (#""\uD83D""#, 1),
            (#""\uDE00""#, 1),
            (#""\uDC00""#, 1),
            (#""\uDFFF""#, 1),
            (#""\uDBFF""#, 1),
            (#""\uD83Dx""#, 1),
            (#""\uD83D\u0041""#, 1),
            (#""\uD83D\n""#, 1),
            (#""\uDE00\uD83D""#, 1),
            (#""ab\uD83D\uD83D""#, 3),
        ]
    )
    func loneSurrogates(input: String, offset: Int) {
        #expect(parseError(input) == JSONParseError(offset: offset, reason: "unpaired surrogate escape"))
    }

    @Test("\\u0000 yields a string containing U+0000")
    func escapedNul() throws {
        let value = try parse(#""a\u0000b""#)

        #expect(value == .string("a\u{0}b"))
        guard case .string(let string) = value else {
            return
        }
        #expect(Array(string.utf8) == [0x61, 0x00, 0x62])
    }

    @Test("every raw control character inside a string is refused", arguments: 0..<0x20)
    func rawControlCharacters(byte: Int) {
        let input = quoted([0x61, UInt8(byte), 0x62])

        #expect(parseError(input) == JSONParseError(offset: 2, reason: "unescaped control character in string"))
    }

    @Test("DEL is not a control character in the JSON sense")
    func rawDelete() throws {
        #expect(try JSONParser.parse(quoted([0x7F])) == .string("\u{7F}"))
    }

    @Test(
        "unknown or malformed escapes are refused at the offending byte",
        arguments: [
            (#""\x""#, 2, "invalid escape sequence"),
            (#""\'""#, 2, "invalid escape sequence"),
            (#""\U0041""#, 2, "invalid escape sequence"),
            (#""\a""#, 2, "invalid escape sequence"),
            (#""\u12G4""#, 5, "invalid escape sequence"),
            (#""\u12""#, 5, "invalid escape sequence"),
            (#""\uD83D\uDEx0""#, 11, "invalid escape sequence"),
            (#""\"#, 2, "unexpected end of input"),
            (#""\u12"#, 5, "unexpected end of input"),
            (#""abc"#, 4, "unexpected end of input"),
            (#"["abc]"#, 6, "unexpected end of input"),
        ]
    )
    func malformedEscapes(input: String, offset: Int, reason: String) {
        #expect(parseError(input) == JSONParseError(offset: offset, reason: reason))
    }
}
