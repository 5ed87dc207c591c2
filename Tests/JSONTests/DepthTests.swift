import JSON
import Testing

@Suite("Nesting depth")
struct DepthTests {
    /// `depth` arrays nested inside one another, innermost empty.
    private func nestedArrays(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    @Test("32 levels are accepted by default and 33 are not")
    func defaultLimit() throws {
        _ = try parse(nestedArrays(32))

        #expect(parseError(nestedArrays(33)) == JSONParseError(offset: 32, reason: "nesting deeper than 32 levels"))
    }

    @Test("arrays and objects count towards the same limit")
    func mixedContainers() throws {
        let levels = String(repeating: #"{"a":["#, count: 2)
        let closing = String(repeating: "]}", count: 2)

        _ = try parse(levels + closing, maxDepth: 4)
        #expect(
            parseError(levels + closing, maxDepth: 3)
                == JSONParseError(offset: 11, reason: "nesting deeper than 3 levels")
        )
    }

    @Test("the limit applies to open containers, not to how many there are")
    func siblingsDoNotAddUp() throws {
        _ = try parse("[[],[],{},[[]]]", maxDepth: 3)

        #expect(
            parseError("[[],[[]]]", maxDepth: 2) == JSONParseError(offset: 5, reason: "nesting deeper than 2 levels")
        )
    }

    @Test("a depth of zero allows scalars only")
    func zeroDepth() throws {
        #expect(try parse("1", maxDepth: 0) == .number("1"))

        #expect(parseError("[]", maxDepth: 0) == JSONParseError(offset: 0, reason: "nesting deeper than 0 levels"))
        #expect(parseError("{}", maxDepth: 0) == JSONParseError(offset: 0, reason: "nesting deeper than 0 levels"))
    }

    @Test("100,000 open brackets are refused without exhausting the stack")
    func hostileArrays() {
        let input = [UInt8](repeating: 0x5B, count: 100_000)

        #expect(parseError(input) == JSONParseError(offset: 32, reason: "nesting deeper than 32 levels"))
    }

    @Test("100,000 nested objects are refused without exhausting the stack")
    func hostileObjects() {
        let input = Array(String(repeating: #"{"a":"#, count: 100_000).utf8)

        #expect(parseError(input) == JSONParseError(offset: 5 * 32, reason: "nesting deeper than 32 levels"))
    }

    @Test("parsing does not recurse even when the limit is lifted")
    func noRecursionWithoutLimit() {
        let input = [UInt8](repeating: 0x5B, count: 100_000)

        #expect(parseError(input, maxDepth: .max) == JSONParseError(offset: 100_000, reason: "unexpected end of input"))
    }
}
