/// Compact serialisation of response bodies straight into bytes.
public enum JSONWriter {
    /// Serialises an object compactly, members in the given order, e.g. `{"a":1,"b":"x"}`.
    ///
    /// The members are not checked for duplicate keys; handlers build them from fixed names.
    public static func object(_ members: [(String, JSONValue)]) -> [UInt8] {
        var output = makeOutput()
        output.append(ASCII.openBrace)
        for (index, (key, value)) in members.enumerated() {
            writeMember(key, value, isFirst: index == 0, to: &output)
        }
        output.append(ASCII.closeBrace)
        return output
    }

    /// Serialises `value` compactly: no whitespace, object members in their stored order.
    public static func serialize(_ value: JSONValue) -> [UInt8] {
        var output = makeOutput()
        write(value, to: &output)
        return output
    }

    /// An empty buffer big enough for a typical small response, to skip the first few regrowths.
    private static func makeOutput() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(128)
        return output
    }

    private static func write(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text):
            // A number built in code is trusted in release builds; tests catch malformed text.
            assert(NumberGrammar.matches(text), "not a JSON number: \(text)")
            output.append(contentsOf: text.utf8)
        case .string(let string):
            writeString(string, to: &output)
        case .array(let elements):
            output.append(ASCII.openBracket)
            for (index, element) in elements.enumerated() {
                if index > 0 {
                    output.append(ASCII.comma)
                }
                write(element, to: &output)
            }
            output.append(ASCII.closeBracket)
        case .object(let object):
            output.append(ASCII.openBrace)
            var isFirst = true
            object.forEachMember { key, value in
                writeMember(key, value, isFirst: isFirst, to: &output)
                isFirst = false
            }
            output.append(ASCII.closeBrace)
        }
    }

    /// Writes `"key":value`, preceded by a comma unless it is the object's first member.
    private static func writeMember(
        _ key: String,
        _ value: JSONValue,
        isFirst: Bool,
        to output: inout [UInt8]
    ) {
        if !isFirst {
            output.append(ASCII.comma)
        }
        writeString(key, to: &output)
        output.append(ASCII.colon)
        write(value, to: &output)
    }

    /// Writes `string` quoted, escaping only what RFC 8259 requires: the quote, the backslash and
    /// control characters. Everything else, including non-ASCII text, is copied as UTF-8.
    ///
    /// Strings with nothing to escape, nearly all of them, are copied in one go.
    public static func writeString(_ string: String, to output: inout [UInt8]) {
        output.append(ASCII.quote)
        var string = string
        string.withUTF8 { bytes in
            guard !bytes.allSatisfy(isVerbatim) else {
                output.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                if isVerbatim(byte) {
                    output.append(byte)
                } else {
                    writeEscape(for: byte, to: &output)
                }
            }
        }
        output.append(ASCII.quote)
    }

    private static func isVerbatim(_ byte: UInt8) -> Bool {
        byte >= ASCII.firstPrintable && byte != ASCII.quote && byte != ASCII.backslash
    }

    /// Writes the short escape for `byte` where JSON has one, and `\u00XX` otherwise.
    private static func writeEscape(for byte: UInt8, to output: inout [UInt8]) {
        output.append(ASCII.backslash)
        switch byte {
        case ASCII.quote, ASCII.backslash: output.append(byte)
        case ASCII.backspace: output.append(ASCII.lowerB)
        case ASCII.formFeed: output.append(ASCII.lowerF)
        case ASCII.lineFeed: output.append(ASCII.lowerN)
        case ASCII.carriageReturn: output.append(ASCII.lowerR)
        case ASCII.tab: output.append(ASCII.lowerT)
        default:
            output.append(ASCII.lowerU)
            output.append(ASCII.zero)
            output.append(ASCII.zero)
            output.append(hexDigit(byte >> 4))
            output.append(hexDigit(byte & 0x0F))
        }
    }

    /// The lowercase hexadecimal digit for a value below 16.
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? ASCII.zero + value : ASCII.lowerA + value - 10
    }
}
