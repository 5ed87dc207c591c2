import JSON
import Testing

@Suite("JSONObject")
struct ObjectTests {
    @Test("members built in code keep their order and can be looked up")
    func builtInCode() {
        let object = JSONObject([("b", .number("2")), ("a", .null)])

        #expect(object.keys == ["b", "a"])
        #expect(object["b"] == .number("2"))
        #expect(object["a"] == .null)
        #expect(object["c"] == nil)
    }

    @Test("a parsed object equals the same members built in code")
    func parsedEqualsBuilt() throws {
        let built = JSONObject([("x", .string("1")), ("y", .array([]))])

        #expect(try parse(#"{"x":"1","y":[]}"#) == .object(built))
    }

    @Test("equality takes member order into account, as serialisation does")
    func orderSensitiveEquality() {
        let forward = JSONObject([("a", .null), ("b", .null)])
        let backward = JSONObject([("b", .null), ("a", .null)])

        #expect(forward != backward)
        #expect(forward == JSONObject([("a", .null), ("b", .null)]))
        #expect(JSONObject([("a", .null)]) != JSONObject([("a", .bool(false))]))
    }

    @Test("building an object with a duplicate key is a programming error")
    func duplicateKeyTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = JSONObject([("a", .null), ("a", .bool(true))])
        }
    }
}
