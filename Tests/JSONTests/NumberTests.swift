import JSON
import Testing

@Suite("Numbers follow the RFC 8259 grammar and keep their text")
struct NumberTests {
    @Test(
        "valid numbers parse to their exact source text",
        arguments: [
            "0", "-0", "7", "-7", "10", "1234567890", "0.5", "-0.0", "3.14159", "1e5", "1E5", "1e+5",
            "1e-5", "0e0", "1.5e10", "-1.25E-300", "100.000", "1e0001",
            "123456789012345678901234567890123456789012345678901234567890",
            "1e999999", "-0.000000000000000000000000000001",
        ]
    )
    func validNumbers(text: String) throws {
        #expect(try parse(text) == .number(text))
        #expect(try parse("[\(text)]") == .array([.number(text)]))
        #expect(try parse("{\"n\":\(text)}") == .object(JSONObject([("n", .number(text))])))
    }

    @Test(
        "invalid numbers are refused where the grammar breaks",
        arguments: [
            ("01", 1, "leading zeros are not allowed"),
            ("-01", 2, "leading zeros are not allowed"),
            ("00", 1, "leading zeros are not allowed"),
            ("[007]", 2, "leading zeros are not allowed"),
            ("+1", 0, "expected a value"),
            (".5", 0, "expected a value"),
            ("[-.5]", 2, "expected a digit"),
            ("1.", 2, "unexpected end of input"),
            ("[1.]", 3, "expected a digit"),
            ("1.e5", 2, "expected a digit"),
            ("-", 1, "unexpected end of input"),
            ("-a", 1, "expected a digit"),
            ("--1", 1, "expected a digit"),
            ("1e", 2, "unexpected end of input"),
            ("1e+", 3, "unexpected end of input"),
            ("1ea", 2, "expected a digit"),
            ("1e+-1", 3, "expected a digit"),
            ("NaN", 0, "expected a value"),
            ("Infinity", 0, "expected a value"),
            ("-Infinity", 1, "expected a digit"),
            ("0x10", 1, "unexpected data after the value"),
            ("1_000", 1, "unexpected data after the value"),
            ("1.5.2", 3, "unexpected data after the value"),
            ("\u{661}", 0, "expected a value"),
        ]
    )
    func invalidNumbers(input: String, offset: Int, reason: String) {
        #expect(parseError(input) == JSONParseError(offset: offset, reason: reason))
    }
}
