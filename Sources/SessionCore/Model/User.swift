/// A registered account.
public struct User: Equatable, Sendable {
    public var id: String
    /// The address as the user typed it, trimmed.
    public var email: String
    /// The lowercased address, which is what uniqueness and login compare.
    public var emailKey: String
    /// An argon2id string in libsodium's `$argon2id$v=19$m=…` form.
    public var passwordHash: String
    public var createdAt: Timestamp

    public init(id: String, email: String, emailKey: String, passwordHash: String, createdAt: Timestamp) {
        self.id = id
        self.email = email
        self.emailKey = emailKey
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}
