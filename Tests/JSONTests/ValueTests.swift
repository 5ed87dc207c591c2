import JSON
import Testing

@Suite("Parsing valid documents")
struct ValueTests {
    @Test("literals parse to their values")
    func literals() throws {
        #expect(try parse("null") == .null)
        #expect(try parse("true") == .bool(true))
        #expect(try parse("false") == .bool(false))
    }

    @Test("any value may stand alone at the top level")
    func scalarsAtTopLevel() throws {
        #expect(try parse("\"hi\"") == .string("hi"))
        #expect(try parse("42") == .number("42"))
        #expect(try parse("[]") == .array([]))
        #expect(try parse("{}") == .object(JSONObject([])))
    }

    @Test("arrays keep their elements in order")
    func arrays() throws {
        let value = try parse("[1,\"two\",[true],{\"x\":null}]")

        let expected: JSONValue = .array([
            .number("1"),
            .string("two"),
            .array([.bool(true)]),
            .object(JSONObject([("x", .null)])),
        ])
        #expect(value == expected)
    }

    @Test("objects keep their keys in source order and look values up by key")
    func objects() throws {
        guard case .object(let object) = try parse("{\"zeta\":1,\"alpha\":\"a\",\"mid\":[]}") else {
            Issue.record("expected an object")
            return
        }

        #expect(object.keys == ["zeta", "alpha", "mid"])
        #expect(object["zeta"] == .number("1"))
        #expect(object["alpha"] == .string("a"))
        #expect(object["mid"] == .array([]))
        #expect(object["missing"] == nil)
    }

    @Test("the four whitespace bytes are allowed around and between all tokens")
    func whitespace() throws {
        let value = try parse(" \t\r\n{ \"a\" \t: \n[ 1 ,\r\n2 ] , \"b\" : { } }\n\t ")

        let expected: JSONValue = .object(
            JSONObject([
                ("a", .array([.number("1"), .number("2")])),
                ("b", .object(JSONObject([]))),
            ])
        )
        #expect(value == expected)
    }

    @Test("a realistic request body parses completely")
    func requestBody() throws {
        let body = """
            {"email":"ana@example.com","password":"pa55 w\\u00f6rd","remember":true,
             "scopes":["read","write"],"device":{"name":"phone","id":12345678901234567890}}
            """

        guard case .object(let object) = try parse(body) else {
            Issue.record("expected an object")
            return
        }

        #expect(object.keys == ["email", "password", "remember", "scopes", "device"])
        #expect(object["password"] == .string("pa55 wörd"))
        #expect(object["scopes"] == .array([.string("read"), .string("write")]))
        guard case .object(let device) = object["device"] else {
            Issue.record("expected a nested object")
            return
        }
        #expect(device["id"] == .number("12345678901234567890"))
    }
}
