/// Strings: UTF-8 validation, control characters and escapes.
extension Parser {
    /// Parses the string whose opening quote is at the read position.
    ///
    /// A string without escapes is validated in place and copied once, into the result. Escapes
    /// force the decoded text to be assembled in `scratch` first.
    mutating func parseString() throws(JSONParseError) -> String {
        offset += 1
        var runStart = offset
        var hasEscapes = false
        scratch.removeAll(keepingCapacity: true)

        while offset < bytes.count {
            switch bytes[offset] {
            case ASCII.quote:
                let string = makeString(from: runStart, hasEscapes: hasEscapes)
                offset += 1
                return string
            case ASCII.backslash:
                scratch.append(contentsOf: bytes[runStart..<offset])
                hasEscapes = true
                try parseEscape()
                runStart = offset
            case ..<ASCII.firstPrintable:
                throw .controlCharacter(at: offset)
            case 0x80...:
                guard let length = UTF8Validation.sequenceLength(in: bytes, at: offset) else {
                    throw .invalidUTF8(at: offset)
                }
                offset += length
            default:
                offset += 1
            }
        }
        throw .unexpectedEnd(at: offset)
    }

    /// The string ending at the read position, whose last unescaped run starts at `runStart`.
    private mutating func makeString(from runStart: Int, hasEscapes: Bool) -> String {
        guard hasEscapes else {
            return String(decoding: bytes[runStart..<offset], as: UTF8.self)
        }

        scratch.append(contentsOf: bytes[runStart..<offset])
        return String(decoding: scratch, as: UTF8.self)
    }

    /// Decodes the escape whose backslash is at the read position into `scratch`.
    private mutating func parseEscape() throws(JSONParseError) {
        let letterOffset = offset + 1
        guard letterOffset < bytes.count else {
            throw .unexpectedEnd(at: letterOffset)
        }

        let decoded: UInt8
        switch bytes[letterOffset] {
        case ASCII.quote: decoded = ASCII.quote
        case ASCII.backslash: decoded = ASCII.backslash
        case ASCII.slash: decoded = ASCII.slash
        case ASCII.lowerB: decoded = ASCII.backspace
        case ASCII.lowerF: decoded = ASCII.formFeed
        case ASCII.lowerN: decoded = ASCII.lineFeed
        case ASCII.lowerR: decoded = ASCII.carriageReturn
        case ASCII.lowerT: decoded = ASCII.tab
        case ASCII.lowerU: return try parseUnicodeEscape()
        default: throw .invalidEscape(at: letterOffset)
        }

        scratch.append(decoded)
        offset += 2
    }

    /// Decodes a `\u` escape and its four hex digits at the read position,
    /// combining a high and a low surrogate escape into one scalar; a
    /// surrogate escape without its partner has no meaning and is refused.
    private mutating func parseUnicodeEscape() throws(JSONParseError) {
        let start = offset
        let first = try hexQuad(at: start + 2)
        offset += 6

        let scalar: UInt32
        switch first {
        case 0xD800...0xDBFF:
            guard startsUnicodeEscape(at: offset) else {
                throw .unpairedSurrogate(at: start)
            }

            let second = try hexQuad(at: offset + 2)
            guard (0xDC00...0xDFFF).contains(second) else {
                throw .unpairedSurrogate(at: start)
            }
            offset += 6
            scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        case 0xDC00...0xDFFF:
            throw .unpairedSurrogate(at: start)
        default:
            scalar = first
        }

        // Surrogates are excluded above, and nothing larger than U+10FFFF can be formed.
        scratch.append(contentsOf: Unicode.Scalar(scalar)!.utf8)
    }

    /// Whether the bytes at `index` begin with `\u`, as the partner of a high surrogate must.
    private func startsUnicodeEscape(at index: Int) -> Bool {
        index + 1 < bytes.count && bytes[index] == ASCII.backslash && bytes[index + 1] == ASCII.lowerU
    }

    /// The value of the four hexadecimal digits starting at `start`.
    private func hexQuad(at start: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for index in start..<(start + 4) {
            guard index < bytes.count else {
                throw .unexpectedEnd(at: index)
            }
            guard let digit = ASCII.hexValue(bytes[index]) else {
                throw .invalidEscape(at: index)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
