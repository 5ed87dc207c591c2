/// How a text value appears in a text-format line: as it is when it has
/// no spaces, quotes or control characters, and quoted with those escaped
/// otherwise, so that no value can forge a second line or another key.
enum TextValue {
    static func length(of value: UnsafeBufferPointer<UInt8>) -> Int {
        if isPlain(value) {
            return value.count
        }
        return value.reduce(2) { $0 + escapedLength(of: $1) }
    }

    static func write(_ value: UnsafeBufferPointer<UInt8>, to line: inout ByteCursor) {
        if isPlain(value) {
            line.write(value)
            return
        }
        line.write(quote)
        for byte in value {
            switch byte {
            case quote, backslash:
                line.write(backslash)
                line.write(byte)
            case ..<0x20, 0x7F:
                // `\u{1b}`: the byte's code in hexadecimal, without leading zeros.
                for escape in "\\u{".utf8 {
                    line.write(escape)
                }
                if byte >= 0x10 {
                    line.write(hexDigit(byte >> 4))
                }
                line.write(hexDigit(byte & 0xF))
                line.write(UInt8(ascii: "}"))
            default:
                line.write(byte)
            }
        }
        line.write(quote)
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    private static func isPlain(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        !value.isEmpty && value.allSatisfy { $0 > 0x20 && $0 != quote && $0 != backslash && $0 != 0x7F }
    }

    private static func escapedLength(of byte: UInt8) -> Int {
        switch byte {
        case quote, backslash: 2
        case ..<0x10: 5
        case ..<0x20, 0x7F: 6
        default: 1
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
