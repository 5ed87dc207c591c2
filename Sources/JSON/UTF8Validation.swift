/// Checks multi-byte UTF-8 sequences against the well-formed byte ranges of the Unicode
/// Standard (chapter 3, table 3-7).
///
/// The table's ranges for the second byte are what rule out overlong forms (`C0`, `C1`, `E0 80`,
/// `F0 80`), UTF-8-encoded surrogates (`ED A0`–`ED BF`) and code points above U+10FFFF (`F4 90`
/// and lead bytes from `F5`), so no decoding is needed to reject them.
enum UTF8Validation {
    /// The length of the well-formed sequence starting at `start`, or `nil` when the bytes there
    /// are not one: a stray continuation byte, a forbidden lead byte, a continuation byte out of
    /// range, or a sequence cut short by the end of the input.
    ///
    /// - Precondition: `bytes[start]` is not ASCII; callers handle ASCII themselves.
    static func sequenceLength(in bytes: [UInt8], at start: Int) -> Int? {
        let lead = bytes[start]
        let length: Int
        let second: ClosedRange<UInt8>

        switch lead {
        case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        default: return nil
        }

        guard start + length <= bytes.count, second.contains(bytes[start + 1]) else {
            return nil
        }

        for index in (start + 2)..<(start + length) where !isContinuation(bytes[index]) {
            return nil
        }
        return length
    }

    private static func isContinuation(_ byte: UInt8) -> Bool {
        byte & 0xC0 == 0x80
    }
}
