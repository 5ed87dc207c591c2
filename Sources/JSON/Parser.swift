/// The state of one parse: the input, the read position and the containers still open.
///
/// Open containers live in arrays on the heap rather than in stack frames of a recursive
/// descent, so that input such as 100,000 `[` ends in a depth error instead of a stack overflow.
struct Parser {
    enum ContainerKind {
        case array
        case object
    }

    /// An object whose closing brace has not been reached, and the key whose value is being parsed.
    struct OpenObject {
        var members: JSONObject
        var key: String
    }

    let bytes: [UInt8]
    let maxDepth: Int

    /// The read position, which is also the offset reported in errors.
    var offset = 0

    /// The kinds of the open containers, outermost first; its length is the current depth.
    var openKinds: [ContainerKind] = []

    /// Kept apart from `openKinds` so that the innermost container is appended to in place; a
    /// payload of an enum would have to be copied out, changed and put back.
    var openArrays: [[JSONValue]] = []
    var openObjects: [OpenObject] = []

    /// Reused for every string that contains escapes, so decoding one costs no extra allocation.
    var scratch: [UInt8] = []

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Parses the whole input as one value with nothing but whitespace around it.
    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        // RFC 8259 section 8.1 lets a parser ignore a byte-order mark; refusing it keeps the
        // accepted bodies identical across implementations.
        if bytes.first == 0xEF, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw .byteOrderMark()
        }

        let value = try parseNestedValue()

        skipWhitespace()
        guard offset == bytes.count else {
            throw .trailingData(at: offset)
        }
        return value
    }

    /// Parses the value at the read position if it is a scalar or an empty container; otherwise
    /// opens the container and returns `nil`, leaving its members to `parseNestedValue`.
    mutating func valueOrOpenContainer() throws(JSONParseError) -> JSONValue? {
        skipWhitespace()
        switch try currentByte() {
        case ASCII.openBracket:
            return try openArray()
        case ASCII.openBrace:
            return try openObject()
        case ASCII.quote:
            return .string(try parseString())
        case ASCII.minus, ASCII.zero...ASCII.nine:
            return .number(try parseNumber())
        case ASCII.lowerT:
            try consumeLiteral("true")
            return .bool(true)
        case ASCII.lowerF:
            try consumeLiteral("false")
            return .bool(false)
        case ASCII.lowerN:
            try consumeLiteral("null")
            return .null
        default:
            throw .expectedValue(at: offset)
        }
    }

    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case ASCII.space, ASCII.tab, ASCII.lineFeed, ASCII.carriageReturn:
                offset += 1
            default:
                return
            }
        }
    }

    /// The byte at the read position, which must exist.
    func currentByte() throws(JSONParseError) -> UInt8 {
        guard offset < bytes.count else {
            throw .unexpectedEnd(at: offset)
        }
        return bytes[offset]
    }

    /// Steps over `byte`, which the grammar requires here; `description` names it in the error.
    mutating func consume(_ byte: UInt8, _ description: String) throws(JSONParseError) {
        guard try currentByte() == byte else {
            throw .expected(description, at: offset)
        }
        offset += 1
    }

    private mutating func consumeLiteral(_ literal: String) throws(JSONParseError) {
        let start = offset
        for expected in literal.utf8 {
            guard try currentByte() == expected else {
                throw .invalidLiteral(at: start)
            }
            offset += 1
        }
    }

    private mutating func parseNumber() throws(JSONParseError) -> String {
        let end = try NumberGrammar.end(of: bytes, from: offset)
        let text = String(decoding: bytes[offset..<end], as: UTF8.self)
        offset = end
        return text
    }
}
