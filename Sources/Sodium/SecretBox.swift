internal import CSodium

/// Authenticated symmetric encryption (XSalsa20-Poly1305) for small secrets
/// stored at rest. Each box carries its own random nonce in front, and opening
/// checks the tag before returning any plaintext.
public enum SecretBox: Sendable {
    public static let keyLength = crypto_secretbox_keybytes()

    private static let nonceLength = crypto_secretbox_noncebytes()
    private static let tagLength = crypto_secretbox_macbytes()

    /// Encrypts under `key`, which must be `keyLength` bytes, and returns
    /// nonce || ciphertext. The 24-byte nonce is random: large enough that
    /// repeats are not a practical concern, so no counter need be kept.
    public static func seal(_ plaintext: [UInt8], key: [UInt8]) -> [UInt8] {
        precondition(key.count == keyLength, "SecretBox key must be \(keyLength) bytes, not \(key.count)")
        SodiumLibrary.ensureReady()

        let nonce = SecureRandom.bytes(count: nonceLength)

        // crypto_secretbox_easy fails only for messages near SIZE_MAX bytes,
        // more than any Swift array can hold.
        var ciphertext = [UInt8](repeating: 0, count: tagLength + plaintext.count)
        let status = crypto_secretbox_easy(&ciphertext, plaintext, UInt64(plaintext.count), nonce, key)
        precondition(status == 0, "crypto_secretbox_easy rejected its sizes")

        return nonce + ciphertext
    }

    /// The plaintext, or nil when the box is too short to hold a nonce and a
    /// tag, was altered, or was sealed under another key. The causes are not
    /// told apart, as that would help someone probing with forged boxes.
    public static func open(_ sealed: [UInt8], key: [UInt8]) -> [UInt8]? {
        precondition(key.count == keyLength, "SecretBox key must be \(keyLength) bytes, not \(key.count)")
        guard sealed.count >= nonceLength + tagLength else {
            return nil
        }
        SodiumLibrary.ensureReady()

        let nonce = Array(sealed.prefix(nonceLength))
        let ciphertext = Array(sealed.dropFirst(nonceLength))
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count - tagLength)

        let status = crypto_secretbox_open_easy(&plaintext, ciphertext, UInt64(ciphertext.count), nonce, key)
        guard status == 0 else {
            return nil
        }

        return plaintext
    }
}
