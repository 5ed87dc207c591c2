/// Why a password could not be hashed.
public enum PasswordHashError: Error, Equatable, Sendable {
    /// Argon2id could not allocate its memory. With valid parameters this is
    /// the only way `crypto_pwhash_str_alg` fails.
    case outOfMemory

    /// The cost parameters are outside what libsodium accepts; the text says which.
    case invalidParameters(String)
}
