internal import CSodium

/// BLAKE2b with a 32-byte output, libsodium's generic hash: faster than
/// SHA-256 and no weaker.
public enum Digest: Sendable {
    /// The unkeyed hash, used to store tokens at rest: a token has 256 bits of
    /// entropy, so a fast hash suffices and a stolen table of digests gives
    /// no way back to a usable token.
    public static func blake2b256(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { generichash($0, key: UnsafeRawBufferPointer(start: nil, count: 0)) }
    }

    /// The unkeyed hash of a text's UTF-8 form, read where the text keeps
    /// it rather than copied into an array first: a token check hashes one.
    public static func blake2b256(utf8 text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 {
            generichash(UnsafeRawBufferPointer($0), key: UnsafeRawBufferPointer(start: nil, count: 0))
        }
    }

    /// The keyed hash, for deriving a key bound to one purpose from a master
    /// key. The key must be 16 to 64 bytes long.
    public static func blake2b256(_ bytes: [UInt8], key: [UInt8]) -> [UInt8] {
        let keyRange = crypto_generichash_keybytes_min()...crypto_generichash_keybytes_max()
        precondition(keyRange.contains(key.count), "BLAKE2b key must be \(keyRange) bytes, not \(key.count)")

        return bytes.withUnsafeBytes { bytes in key.withUnsafeBytes { key in generichash(bytes, key: key) } }
    }

    private static func generichash(_ bytes: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer) -> [UInt8] {
        SodiumLibrary.ensureReady()

        // crypto_generichash fails only for output or key sizes outside
        // BLAKE2b's limits, and both sizes here are fixed or checked.
        let size = crypto_generichash_bytes()
        return [UInt8](unsafeUninitializedCapacity: size) { digest, count in
            let status = crypto_generichash(
                digest.baseAddress!,
                size,
                bytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
                UInt64(bytes.count),
                key.baseAddress?.assumingMemoryBound(to: UInt8.self),
                key.count
            )
            precondition(status == 0, "crypto_generichash rejected its sizes")
            count = size
        }
    }
}
