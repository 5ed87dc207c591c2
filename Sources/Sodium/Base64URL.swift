internal import CSodium

/// Base64 with the URL-safe alphabet (`-` and `_`) and no `=` padding, as
/// tokens travel in headers and URLs.
public enum Base64URL: Sendable {
    private static let variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING

    public static func encode(_ bytes: [UInt8]) -> String {
        SodiumLibrary.ensureReady()

        // The length includes the trailing NUL that sodium_bin2base64 writes.
        // Given this size it always succeeds; a smaller buffer would abort.
        let capacity = sodium_base64_encoded_len(bytes.count, variant)
        var text = [UInt8](repeating: 0, count: capacity)
        text.withMutableCChars { textChars in
            _ = sodium_bin2base64(textChars, capacity, bytes, bytes.count, variant)
        }

        return String(decoding: text.dropLast(), as: UTF8.self)
    }

    /// Decodes strictly: nil for padding, whitespace, characters outside the
    /// alphabet, an impossible length, or stray bits in the last character,
    /// so that each byte string has exactly one accepted spelling.
    public static func decode(_ text: String) -> [UInt8]? {
        SodiumLibrary.ensureReady()

        // libsodium 1.0.18 classifies each character as a signed `char`, and
        // then every byte above 0x7F passes for a digit. All real digits are
        // ASCII, so anything else is refused before it gets there.
        let characters = Array(text.utf8)
        guard characters.allSatisfy({ $0 < 0x80 }) else {
            return nil
        }

        let capacity = characters.count / 4 * 3 + 2
        var decodedCount = 0
        var bytes = [UInt8](repeating: 0, count: capacity)

        // With no end pointer to report back, sodium_base642bin fails unless
        // it consumed the whole text.
        let status = characters.withCChars { textChars in
            sodium_base642bin(
                &bytes,
                capacity,
                textChars,
                characters.count,
                nil,
                &decodedCount,
                nil,
                variant
            )
        }
        guard status == 0 else {
            return nil
        }

        return Array(bytes.prefix(decodedCount))
    }
}
