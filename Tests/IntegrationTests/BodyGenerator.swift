import KomsTestSupport

/// Request bodies for robustness tests, all drawn from one seed so that a
/// failing case can be made again: JSON of random shape, deep nesting, huge
/// numbers, invalid UTF-8, NUL bytes, and strings up to and just over the
/// body limit.
struct BodyGenerator {
    static let bodyLimit = 16 * 1024

    /// A member the endpoint knows, with values its rules accept, so that
    /// some bodies get past the parser and reach the deeper paths.
    typealias Field = (name: String, goodValues: [String])

    private var random: SplitMix64
    /// In a fixed order, unlike a dictionary's, so a seed gives the same bodies on every run.
    private let fields: [Field]

    init(seed: UInt64, fields: [Field]) {
        random = SplitMix64(seed: seed)
        self.fields = fields
    }

    mutating func next() -> [UInt8] {
        switch int(0...9) {
        case 0: value(depth: 0)
        case 1, 2: object()
        case 3: deepNesting()
        case 4: hugeNumber()
        case 5: withInvalidUTF8()
        case 6: withNULs()
        case 7: nearLimit()
        default: mutated()
        }
    }

    /// Mostly JSON, as only a JSON body reaches the parser; sometimes
    /// another type, a charset other than UTF-8, or none.
    mutating func contentType() -> String? {
        guard chance(0.9) else { return pick(["text/plain", "application/json; charset=latin1", nil]) }
        return pick(["application/json", "application/json; charset=utf-8", "Application/JSON"])
    }

    private mutating func value(depth: Int) -> [UInt8] {
        switch depth > 10 ? int(0...4) : int(0...6) {
        case 0: Array(pick(["null", "true", "false", "nul", "True"]).utf8)
        case 1: number()
        case 2, 3: string()
        case 4: Array("\"\(good(pick(fields)))\"".utf8)
        case 5: container("[", "]", count: int(0...4)) { $0.value(depth: depth + 1) }
        default: container("{", "}", count: int(0...4)) { $0.member(depth: depth + 1) }
        }
    }

    private mutating func member(depth: Int) -> [UInt8] {
        let key = chance(0.7) ? Array("\"\(pick(fields).name)\"".utf8) : string()
        return key + Array(":".utf8) + value(depth: depth)
    }

    /// An object of the endpoint's fields, each with a good or random value.
    private mutating func object() -> [UInt8] {
        let members = fields.filter { _ in chance(0.8) }.map { field in
            Array("\"\(field.name)\":".utf8) + (chance(0.7) ? Array("\"\(good(field))\"".utf8) : value(depth: 1))
        }
        let extra = chance(0.2) ? [member(depth: 1)] : []
        return Array("{".utf8) + (members + extra).joined(separator: Array(",".utf8)) + Array("}".utf8)
    }

    private mutating func deepNesting() -> [UInt8] {
        let (open, close) = pick([
            ("[", "]"), ("{\"a\":", "}"), ("{\"\(pick(fields).name)\":", "}"), ("[{\"a\":", "}]"),
        ])
        let largest = Self.bodyLimit / (open.utf8.count + close.utf8.count) + 1
        let depth = pick([8, 9, 10, 64, 1000, largest, int(1...largest)])
        let closers = chance(0.8) ? depth : int(0...depth)
        return Array(String(repeating: open, count: depth).utf8) + value(depth: 99)
            + Array(String(repeating: close, count: closers).utf8)
    }

    private mutating func hugeNumber() -> [UInt8] {
        let digits = String((0..<pick([20, 400, 5000, int(1...Self.bodyLimit - 64)])).map { _ in pick(Self.digits) })
        let number = pick(["\(digits)", "-\(digits)", "0.\(digits)", "1e\(digits)", "\(digits)e-\(digits.prefix(9))"])
        guard chance(0.5) else { return Array(number.utf8) }
        return Array("{\"\(pick(fields).name)\":\(number)}".utf8)
    }

    private mutating func withInvalidUTF8() -> [UInt8] {
        var body = object()
        for _ in 0..<int(1...3) {
            body.insert(contentsOf: pick(Self.invalidUTF8), at: int(0...body.count))
        }
        guard chance(0.5) else { return body }

        // Or inside both string values, where a lenient parser would let them through.
        let bad = pick(Self.invalidUTF8)
        let email = Array("a".utf8) + bad + Array("@example.com".utf8)
        let password = Array("correct horse".utf8) + bad
        return Array("{\"\(fields[0].name)\":\"".utf8) + email + Array("\",\"password\":\"".utf8) + password
            + Array("\"}".utf8)
    }

    private mutating func withNULs() -> [UInt8] {
        switch int(0...2) {
        case 0:
            return [UInt8](repeating: 0, count: int(1...64))
        case 1:
            var body = object()
            for _ in 0..<int(1...3) { body.insert(0, at: int(0...body.count)) }
            return body
        default:
            return Array(
                "{\"\(fields[0].name)\":\"a\\u0000@example.com\",\"password\":\"\\u0000\\u0000\\u0000\\u0000\"}".utf8
            )
        }
    }

    /// One long string member, sized to end at, just under or just over the limit.
    private mutating func nearLimit() -> [UInt8] {
        let limit = Self.bodyLimit
        let size = pick([limit - 1, limit, limit, limit + 1, limit + int(1...64), int(64...limit)])
        let head = Array("{\"\(pick(fields).name)\":\"".utf8)
        let tail = Array("\"}".utf8)
        var filler: [UInt8] = []
        let piece = Array(pick(["a", "é", "\\u00e9", "\\\"", "😀", " "]).utf8)
        while filler.count + piece.count <= size - head.count - tail.count { filler += piece }
        filler += [UInt8](repeating: UInt8(ascii: "a"), count: size - head.count - tail.count - filler.count)
        return head + filler + tail
    }

    /// A body of good values with a few bytes flipped, dropped, added or repeated.
    private mutating func mutated() -> [UInt8] {
        var body =
            Array("{".utf8)
            + fields.map { Array("\"\($0.name)\":\"\(good($0))\"".utf8) }
            .joined(separator: Array(",".utf8)) + Array("}".utf8)
        for _ in 0..<int(1...4) {
            let at = int(0...body.count - 1)
            switch int(0...3) {
            case 0: body[at] = UInt8(truncatingIfNeeded: random.next())
            case 1: body.remove(at: at)
            case 2: body.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
            default: body.insert(contentsOf: body[at...].prefix(int(1...16)), at: at)
            }
            if body.isEmpty { body = Array("{".utf8) }
        }
        return body
    }

    private mutating func number() -> [UInt8] {
        let text = pick([
            String(Int.random(in: .min ... .max, using: &random)), "-0", "0.0", "1.5e10", "1e999999", "1E-999999",
            "123456789012345678901234567890", "01", "1.", ".5", "+1", "NaN", "Infinity", "0x10", "-",
        ])
        return Array(text.utf8)
    }

    /// A string literal of valid and invalid escapes, lone surrogates, raw
    /// control bytes, multi-byte and compatibility characters.
    private mutating func string() -> [UInt8] {
        var text: [UInt8] = [0x22]
        for _ in 0..<int(0...24) {
            text += Array(pick(Self.stringPieces).utf8)
        }
        return text + [0x22]
    }

    private mutating func container(
        _ open: String,
        _ close: String,
        count: Int,
        element: (inout BodyGenerator) -> [UInt8]
    ) -> [UInt8] {
        var items: [[UInt8]] = []
        for _ in 0..<count { items.append(element(&self)) }
        return Array(open.utf8) + items.joined(separator: Array(",".utf8)) + Array(close.utf8)
    }

    private mutating func good(_ field: Field) -> String {
        pick(field.goodValues)
    }

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &random)
    }

    private mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &random) < probability
    }

    private mutating func pick<Element>(_ choices: [Element]) -> Element {
        choices[int(0...choices.count - 1)]
    }

    private static let digits: [Character] = Array("0123456789")

    private static let stringPieces = [
        "a", "Z", " ", "@", ".", "example.com", "é", "😀", "ｅ", "e\u{301}", "\\n", "\\\"", "\\\\", "\\/",
        "\\u00e9", "\\ud83d\\ude00", "\\ud800", "\\udc00", "\\u0000", "\\x41", "\\u12", "\\", "\u{01}", "\t",
        "\u{7F}", "\u{2028}",
    ]

    private static let invalidUTF8: [[UInt8]] = [
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF0, 0x80, 0x80, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xF5], [0xFE], [0xFF], [0xE2, 0x82], [0xC3],
    ]
}
