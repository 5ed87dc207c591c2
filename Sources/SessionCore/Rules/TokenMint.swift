import Sodium

/// Makes tokens and the values kept in their place: a BLAKE2b hash to look a
/// token up by, and a box that only the holder of a refresh token can open.
enum TokenMint {
    /// Purpose key for deriving the grace-period sealing key from a refresh
    /// token, so the key differs from the token's stored hash.
    private static let gracePurpose = Array("koms refresh grace seal v1".utf8)

    static func makeToken() -> String {
        SecureRandom.token()
    }

    static func storedHash(of token: String) -> [UInt8] {
        Digest.blake2b256(Array(token.utf8))
    }

    /// Seals the successor pair under a key derived from the refresh token it replaces.
    static func sealSuccessor(access: String, refresh: String, under oldRefresh: String) -> [UInt8] {
        SecretBox.seal(Array("\(access) \(refresh)".utf8), key: graceKey(oldRefresh))
    }

    /// The successor pair, or nil when the box does not open with this token.
    static func openSuccessor(_ sealed: [UInt8], with oldRefresh: String) -> (access: String, refresh: String)? {
        guard let plaintext = SecretBox.open(sealed, key: graceKey(oldRefresh)) else { return nil }
        let parts = String(decoding: plaintext, as: UTF8.self).split(separator: " ")
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    private static func graceKey(_ refreshToken: String) -> [UInt8] {
        Digest.blake2b256(Array(refreshToken.utf8), key: gracePurpose)
    }
}
