internal import CSodium

/// Argon2id password hashing in libsodium's self-describing string format,
/// which carries the algorithm, cost, salt and hash in one column.
///
/// Each call blocks its thread for as long as the parameters demand (tens of
/// milliseconds at `.recommended`), so callers should keep it off Swift's
/// cooperative thread pool.
public struct PasswordHasher: Sendable {
    public let parameters: Argon2idParameters

    public init(parameters: Argon2idParameters) {
        self.parameters = parameters
    }

    /// Hashes with a fresh random salt; the result looks like
    /// `$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>`.
    public func hash(password: [UInt8]) throws(PasswordHashError) -> String {
        SodiumLibrary.ensureReady()
        try parameters.validate()

        // Argon2id stops at 4 GiB passwords. No request body comes near that,
        // so only a caller bug could get here.
        precondition(password.count <= crypto_pwhash_argon2id_passwd_max(), "password longer than Argon2id accepts")

        var output = [UInt8](repeating: 0, count: crypto_pwhash_strbytes())
        let status = output.withMutableCChars { outputChars in
            password.withCChars { passwordChars in
                crypto_pwhash_str_alg(
                    outputChars,
                    passwordChars,
                    UInt64(password.count),
                    UInt64(parameters.iterations),
                    parameters.memoryBytes,
                    crypto_pwhash_alg_argon2id13()
                )
            }
        }

        // The parameters and length were checked above, which leaves failing
        // to allocate Argon2id's memory as the only cause.
        guard status == 0 else {
            throw .outOfMemory
        }

        return String(decoding: output.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// Checks a password against a stored hash, taking the cost from the hash
    /// itself so that older hashes keep verifying after the parameters change.
    /// Returns false for a wrong password and for any string that is not a
    /// well-formed hash.
    ///
    /// Because the hash names its own cost, it must come from this service's
    /// store: an attacker-chosen hash could demand any amount of work.
    public func verify(password: [UInt8], hash: String) -> Bool {
        SodiumLibrary.ensureReady()

        guard let hashChars = Self.cString(hash) else {
            return false
        }

        let status = hashChars.withCChars { hashPointer in
            password.withCChars { passwordChars in
                crypto_pwhash_str_verify(hashPointer, passwordChars, UInt64(password.count))
            }
        }
        return status == 0
    }

    /// The cost a stored hash names (`m=…,t=…` of libsodium's string), or
    /// nil when it names none. Verifying runs at that cost, so a caller can
    /// refuse a damaged or planted hash that would demand gigabytes.
    public static func cost(of hash: String) -> (memoryBytes: Int, iterations: Int)? {
        guard let fields = hash.split(separator: "$").first(where: { $0.hasPrefix("m=") }) else { return nil }
        var memoryKiB: Int?
        var iterations: Int?
        for pair in fields.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = Int(parts[1]) else { return nil }
            switch parts[0] {
            case "m": memoryKiB = value
            case "t": iterations = value
            default: break
            }
        }
        guard let memoryKiB, let iterations, memoryKiB <= Int.max / 1024 else { return nil }
        return (memoryKiB * 1024, iterations)
    }

    /// Whether a stored hash was made with other parameters (or is not an
    /// Argon2id hash at all), so that it should be replaced at the next
    /// successful login.
    public func needsRehash(_ hash: String) -> Bool {
        SodiumLibrary.ensureReady()

        guard let hashChars = Self.cString(hash) else {
            return true
        }

        // The argon2id-specific check, unlike the generic one, also flags
        // hashes of other Argon2 variants. Clamping keeps nonsense parameters
        // from trapping; libsodium then reports them as a mismatch.
        let status = hashChars.withCChars { hashPointer in
            crypto_pwhash_argon2id_str_needs_rehash(
                hashPointer,
                UInt64(clamping: parameters.iterations),
                max(0, parameters.memoryBytes)
            )
        }
        return status != 0
    }

    /// The hash as NUL-terminated bytes, or nil when it holds a NUL of its
    /// own: C would stop reading there and judge only the part before it.
    private static func cString(_ hash: String) -> [UInt8]? {
        let bytes = Array(hash.utf8)
        guard !bytes.contains(0) else {
            return nil
        }
        return bytes + [0]
    }
}
