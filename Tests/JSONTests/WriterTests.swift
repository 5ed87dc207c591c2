import JSON
import Testing

@Suite("Serialising")
struct WriterTests {
    @Test("an object is written compactly with members in the given order")
    func objectInGivenOrder() {
        let bytes = JSONWriter.object([("b", .number("1")), ("a", .string("x")), ("c", .array([.bool(true), .null]))])

        #expect(String(decoding: bytes, as: UTF8.self) == #"{"b":1,"a":"x","c":[true,null]}"#)
        #expect(JSONWriter.object([]) == Array("{}".utf8))
    }

    @Test("every kind of value is written compactly")
    func allKinds() {
        #expect(serialized(.null) == "null")
        #expect(serialized(.bool(true)) == "true")
        #expect(serialized(.bool(false)) == "false")
        #expect(serialized(.array([])) == "[]")
        #expect(serialized(.object(JSONObject([]))) == "{}")
        #expect(serialized(.array([.array([]), .object(JSONObject([("k", .array([]))]))])) == #"[[],{"k":[]}]"#)
    }

    @Test(
        "numbers are written from their text",
        arguments: ["0", "-1.5E+10", "1e-7", "123456789012345678901234567890"]
    )
    func numbersVerbatim(text: String) {
        #expect(serialized(.number(text)) == text)
    }

    @Test("quotes and backslashes are escaped; a slash is not")
    func quoteAndBackslash() {
        #expect(serialized(.string(#"say "hi" \ bye / now"#)) == #""say \"hi\" \\ bye / now""#)
    }

    @Test("control characters with a short escape use it")
    func shortEscapes() {
        #expect(serialized(.string("\u{08}\u{0C}\n\r\t")) == #""\b\f\n\r\t""#)
    }

    @Test("other control characters become lowercase \\u escapes")
    func unicodeEscapes() {
        #expect(serialized(.string("\u{0}\u{1}\u{0B}\u{1F}")) == #""\u0000\u0001\u000b\u001f""#)
    }

    @Test("no control character is ever written raw", arguments: 0..<0x20)
    func noRawControlCharacter(code: Int) throws {
        let string = "a\(Character(Unicode.Scalar(UInt8(code))))b"
        let bytes = JSONWriter.serialize(.string(string))

        #expect(!bytes.contains { $0 < 0x20 })
        #expect(try JSONParser.parse(bytes) == .string(string))
    }

    @Test("other Unicode is written as raw UTF-8, DEL and U+2028 included")
    func rawUnicode() {
        let bytes = JSONWriter.serialize(.string("é😀\u{7F}\u{2028}"))

        #expect(bytes == [0x22, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, 0x7F, 0xE2, 0x80, 0xA8, 0x22])
    }

    @Test("keys are escaped like any string")
    func escapedKeys() {
        let bytes = JSONWriter.object([("a\"b\n", .null)])

        #expect(String(decoding: bytes, as: UTF8.self) == #"{"a\"b\n":null}"#)
    }

    @Test(
        "compact documents survive parse then serialise unchanged",
        arguments: [
            #"{"a":1,"b":"x"}"#,
            #"{"z":{"y":[1,-2.5e3,true,false,null]},"a":""}"#,
            #"["\"\\\b\f\n\r\t\u0000\u001f","é😀"]"#,
            #"[[[[]]],{},{"":""}]"#,
            "12345678901234567890.0e-12",
        ]
    )
    func textRoundTrip(text: String) throws {
        #expect(serialized(try parse(text)) == text)
    }

    @Test("values survive serialise then parse unchanged")
    func valueRoundTrip() throws {
        let tricky = (0..<0x80).map { String(Character(Unicode.Scalar(UInt8($0)))) }.joined() + "é世😀\u{10FFFF}"
        let value: JSONValue = .object(
            JSONObject([
                ("text", .string(tricky)),
                (tricky, .array([.number("-0.0"), .null, .object(JSONObject([]))])),
                ("flags", .array([.bool(true), .bool(false)])),
            ])
        )

        #expect(try JSONParser.parse(JSONWriter.serialize(value)) == value)
    }

    @Test("whitespace in the source is not written back")
    func compactsWhitespace() throws {
        #expect(serialized(try parse(" { \"a\" : [ 1 , 2 ] } ")) == #"{"a":[1,2]}"#)
    }
}
