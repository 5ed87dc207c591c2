import JSON
import Testing

@Suite("What may surround the top-level value")
struct DocumentTests {
    @Test("empty input is an error")
    func emptyInput() {
        #expect(parseError([]) == JSONParseError(offset: 0, reason: "unexpected end of input"))
    }

    @Test("input of only whitespace is an error at its end")
    func onlyWhitespace() {
        #expect(parseError(" \t\r\n") == JSONParseError(offset: 4, reason: "unexpected end of input"))
    }

    @Test(
        "data after the value is an error at its first byte",
        arguments: [
            ("1 2", 2),
            ("{} x", 3),
            ("[]]", 2),
            ("null,", 4),
            ("truex", 4),
            ("\"a\"\"b\"", 3),
            ("{}{}", 2),
            ("0 \u{0}", 2),
        ]
    )
    func trailingData(input: String, offset: Int) {
        #expect(parseError(input) == JSONParseError(offset: offset, reason: "unexpected data after the value"))
    }

    @Test("a UTF-8 byte-order mark is refused")
    func byteOrderMark() {
        #expect(
            parseError([0xEF, 0xBB, 0xBF, 0x7B, 0x7D])
                == JSONParseError(offset: 0, reason: "byte-order mark is not allowed")
        )
        #expect(parseError([0xEF, 0xBB, 0xBF]) == JSONParseError(offset: 0, reason: "byte-order mark is not allowed"))
    }

    @Test(
        "other whitespace-like characters are not whitespace",
        arguments: ["\u{0C}1", "\u{0B}1", "\u{A0}1", "\u{2028}1"]
    )
    func foreignWhitespace(input: String) {
        #expect(parseError(input) == JSONParseError(offset: 0, reason: "expected a value"))
    }

    @Test(
        "literals must be spelled exactly, in lowercase",
        arguments: [
            ("True", 0, "expected a value"),
            ("NULL", 0, "expected a value"),
            ("nul", 3, "unexpected end of input"),
            ("nulL", 0, "invalid literal"),
            ("[fals]", 1, "invalid literal"),
            ("undefined", 0, "expected a value"),
            ("'a'", 0, "expected a value"),
        ]
    )
    func misspelledLiterals(input: String, offset: Int, reason: String) {
        #expect(parseError(input) == JSONParseError(offset: offset, reason: reason))
    }

    @Test(
        "malformed arrays are refused where the mistake is",
        arguments: [
            ("[", 1, "unexpected end of input"),
            ("[1", 2, "unexpected end of input"),
            ("[1,", 3, "unexpected end of input"),
            ("[1,]", 3, "expected a value"),
            ("[,1]", 1, "expected a value"),
            ("[1 2]", 3, "expected ',' or ']'"),
            ("[1:2]", 2, "expected ',' or ']'"),
            ("[1}", 2, "expected ',' or ']'"),
            ("]", 0, "expected a value"),
        ]
    )
    func malformedArrays(input: String, offset: Int, reason: String) {
        #expect(parseError(input) == JSONParseError(offset: offset, reason: reason))
    }

    @Test(
        "malformed objects are refused where the mistake is",
        arguments: [
            ("{", 1, "unexpected end of input"),
            ("{\"a\"", 4, "unexpected end of input"),
            ("{\"a\":", 5, "unexpected end of input"),
            ("{\"a\":1", 6, "unexpected end of input"),
            ("{\"a\":1,}", 7, "expected a string key"),
            ("{,}", 1, "expected a string key"),
            ("{a:1}", 1, "expected a string key"),
            ("{1:2}", 1, "expected a string key"),
            ("{\"a\" 1}", 5, "expected ':'"),
            ("{\"a\"=1}", 4, "expected ':'"),
            ("{\"a\":}", 5, "expected a value"),
            ("{\"a\":1 \"b\":2}", 7, "expected ',' or '}'"),
            ("{\"a\":1]", 6, "expected ',' or '}'"),
        ]
    )
    func malformedObjects(input: String, offset: Int, reason: String) {
        #expect(parseError(input) == JSONParseError(offset: offset, reason: reason))
    }

    @Test("every error offset lies within the input")
    func offsetsStayInBounds() {
        let inputs = ["", "[", "{\"a\"", "\"abc", "\"\\u12", "1e", "[1,2,", "{\"a\":[{\"b\":", "tr", "-"]
        for input in inputs {
            let error = parseError(input)
            #expect(error != nil, "\(input) should be refused")
            #expect((0...input.utf8.count).contains(error?.offset ?? -1), "offset for \(input)")
        }
    }
}
