internal import CSodium

/// The cost of one Argon2id password hash: passes over memory, and how much
/// memory. Raising either slows an attacker's guessing and the server's
/// logins alike.
public struct Argon2idParameters: Sendable, Equatable {
    /// Argon2's `t`, which libsodium calls the opslimit.
    public var iterations: Int

    /// Argon2's `m` in bytes, which libsodium calls the memlimit. The hash
    /// string records it in KiB, so only whole KiB count.
    public var memoryBytes: Int

    public init(iterations: Int, memoryBytes: Int) {
        self.iterations = iterations
        self.memoryBytes = memoryBytes
    }

    /// t = 2 and m = 64 MiB, libsodium's INTERACTIVE level. That is above
    /// OWASP's floor for Argon2id (t = 2, m = 19 MiB) and still quick enough
    /// to run on every login.
    public static let recommended = Argon2idParameters(
        iterations: crypto_pwhash_argon2id_opslimit_interactive(),
        memoryBytes: crypto_pwhash_argon2id_memlimit_interactive()
    )

    /// Refuses values libsodium would reject, so that a bad configuration
    /// fails at start-up rather than on the first sign-up.
    public func validate() throws(PasswordHashError) {
        let iterationRange = max(1, crypto_pwhash_argon2id_opslimit_min())...crypto_pwhash_argon2id_opslimit_max()
        guard iterationRange.contains(iterations) else {
            throw .invalidParameters("iterations \(iterations) outside \(iterationRange)")
        }

        let memoryRange = crypto_pwhash_argon2id_memlimit_min()...crypto_pwhash_argon2id_memlimit_max()
        guard memoryRange.contains(memoryBytes) else {
            throw .invalidParameters("memoryBytes \(memoryBytes) outside \(memoryRange)")
        }
    }
}
