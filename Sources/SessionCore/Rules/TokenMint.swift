import Sodium

/// Makes tokens and the values kept in their place: a BLAKE2b hash to look a
/// token up by, and a box that only the holder of a refresh token can open.
enum TokenMint {
    /// Purpose key for deriving the grace-period sealing key from a refresh
    /// token, so the key differs from the token's stored hash.
    private static let gracePurpose = Array("koms refresh grace seal v1".utf8)

    /// The length of a family key; the secret after it is 32 bytes.
    static let familyKeyBytes = 16

    static func makeToken() -> String {
        SecureRandom.token()
    }

    /// A new session's family key: 16 random bytes that begin each of its
    /// refresh tokens and stay the same through every rotation.
    ///
    /// A refresh finds its session by this unchanging key, so a rotation
    /// rewrites no index of refresh tokens and keeps no row per rotated
    /// token. A token of the family that is neither the current nor the
    /// previous one is a reused token, however old.
    static func makeFamilyKey() -> [UInt8] {
        SecureRandom.bytes(count: familyKeyBytes)
    }

    /// The family key followed by 32 random bytes, in base64url.
    static func makeRefreshToken(family: [UInt8]) -> String {
        Base64URL.encode(family + SecureRandom.bytes(count: 32))
    }

    /// The family key a refresh token begins with; nil when the token has
    /// not the shape of one.
    static func familyKey(of refreshToken: String) -> [UInt8]? {
        guard refreshToken.utf8.count == 64, let bytes = Base64URL.decode(refreshToken),
            bytes.count == familyKeyBytes + 32
        else { return nil }
        return Array(bytes.prefix(familyKeyBytes))
    }

    static func storedHash(of token: String) -> [UInt8] {
        Digest.blake2b256(utf8: token)
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
