internal import CSodium

/// Unpredictable bytes from the operating system's generator, for salts,
/// nonces, keys and tokens.
public enum SecureRandom: Sendable {
    public static func bytes(count: Int) -> [UInt8] {
        precondition(count >= 0, "cannot draw a negative number of random bytes")
        SodiumLibrary.ensureReady()

        // randombytes_buf cannot fail: libsodium aborts the process itself if
        // the system's random source ever becomes unreadable.
        var bytes = [UInt8](repeating: 0, count: count)
        randombytes_buf(&bytes, count)
        return bytes
    }

    /// An opaque bearer token: 32 random bytes (256 bits, beyond guessing) as
    /// 43 characters of unpadded base64url, safe in headers, URLs and JSON.
    public static func token() -> String {
        Base64URL.encode(bytes(count: 32))
    }
}
