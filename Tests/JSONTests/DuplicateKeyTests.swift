import JSON
import Testing

@Suite("Duplicate keys")
struct DuplicateKeyTests {
    @Test("a repeated key is refused at the second occurrence and named")
    func repeatedKey() {
        let error = parseError(#"{"email":"a","email":"b"}"#)

        #expect(error == JSONParseError(offset: 13, reason: "duplicate key \"email\""))
    }

    @Test("a repeat is found even when other keys come between")
    func repeatAfterOthers() {
        #expect(parseError(#"{"a":1,"b":2,"a":3}"#) == JSONParseError(offset: 13, reason: "duplicate key \"a\""))
    }

    @Test("a repeat inside a nested object is found at its own offset")
    func nestedRepeat() {
        #expect(parseError(#"{"a":{"b":1,"b":2}}"#) == JSONParseError(offset: 12, reason: "duplicate key \"b\""))
    }

    @Test("keys are compared after decoding escapes")
    func escapedRepeat() {
        #expect(parseError(#"{"a":1,"\u0061":2}"#) == JSONParseError(offset: 7, reason: "duplicate key \"a\""))
    }

    @Test("canonically equivalent keys count as the same key")
    func canonicallyEquivalentKeys() {
        let error = parseError(#"{"\u00e9":1,"e\u0301":2}"#)

        #expect(error?.offset == 12)
        #expect(error?.reason.hasPrefix("duplicate key") == true)
    }

    @Test("the same key in different objects, or in different case, is allowed")
    func distinctScopes() throws {
        let one: JSONValue = .number("1")
        let two: JSONValue = .number("2")

        #expect(try parse(#"[{"a":1},{"a":2}]"#) == .array([object(("a", one)), object(("a", two))]))
        #expect(try parse(#"{"a":{"a":1}}"#) == object(("a", object(("a", one)))))
        #expect(try parse(#"{"a":1,"A":2}"#) == object(("a", one), ("A", two)))
    }
}
