import Foundation

/// What a sign-up must satisfy, after NIST SP 800-63B: length limits, no
/// composition rules, none of the passwords attackers try first, and
/// Unicode compared in one normal form.
public enum CredentialPolicy {
    public static let maximumEmailBytes = 254
    public static let minimumPasswordCharacters = 8
    public static let maximumPasswordBytes = 1024

    /// The trimmed address and its lowercased key, or why it is refused.
    public static func normalizeEmail(_ raw: String) throws(SessionError) -> (email: String, key: String) {
        let email = try plausibleEmail(raw)

        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .invalidEmail("email must contain exactly one @") }
        let (local, domain) = (parts[0], parts[1])
        guard !local.isEmpty, !domain.isEmpty else { throw .invalidEmail("email needs text on both sides of @") }
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix(".") else {
            throw .invalidEmail("email domain must contain a dot between labels")
        }
        return (email, email.lowercased())
    }

    /// The key a login looks up, refusing at once what no sign-up ever
    /// accepted (empty, too long, spaces or control characters inside),
    /// before any password is hashed for it.
    public static func loginEmailKey(_ raw: String) throws(SessionError) -> String {
        try plausibleEmail(raw).lowercased()
    }

    /// Trimmed, and refused when empty, too long, or with spaces or control
    /// characters inside.
    private static func plausibleEmail(_ raw: String) throws(SessionError) -> String {
        let email = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !email.isEmpty else { throw .invalidEmail("email is empty") }
        guard email.utf8.count <= maximumEmailBytes else {
            throw .invalidEmail("email is longer than \(maximumEmailBytes) bytes")
        }
        guard !email.unicodeScalars.contains(where: isForbiddenInEmail) else {
            throw .invalidEmail("email contains spaces or control characters")
        }
        return email
    }

    /// The bytes to hash: the NFKC form, so that the same text typed with
    /// composed or decomposed characters verifies alike.
    public static func normalizePassword(_ raw: String) -> [UInt8] {
        Array(raw.precomposedStringWithCompatibilityMapping.utf8)
    }

    /// Checks a new password and returns the bytes to hash.
    public static func acceptPassword(_ raw: String, email: String) throws(SessionError) -> [UInt8] {
        guard raw.utf8.count <= maximumPasswordBytes else { throw .passwordTooLong }
        // Code points as sent (NIST SP 800-63B counts each one a
        // character), which is also how JSON Schema's minLength counts.
        guard raw.unicodeScalars.count >= minimumPasswordCharacters else { throw .passwordTooShort }
        let normalized = raw.precomposedStringWithCompatibilityMapping
        guard normalized.utf8.count <= maximumPasswordBytes else { throw .passwordTooLong }
        guard normalized.lowercased() != email.lowercased() else { throw .passwordEqualsEmail }
        try PasswordScreen.check(normalized, email: email)
        return Array(normalized.utf8)
    }

    private static func isForbiddenInEmail(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
    }
}
