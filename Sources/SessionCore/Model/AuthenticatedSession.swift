/// A session found by its access token, with what a token check needs from
/// the rows around it, so that the check is one read of the store and
/// reads no more than it uses.
public struct AuthenticatedSession: Equatable, Sendable {
    public var sessionID: String
    public var clientID: String
    public var accessExpiresAt: Timestamp
    /// Whether the session's own client is still enabled.
    public var clientIsEnabled: Bool
    public var user: UserIdentity

    public init(
        sessionID: String,
        clientID: String,
        accessExpiresAt: Timestamp,
        clientIsEnabled: Bool,
        user: UserIdentity
    ) {
        self.sessionID = sessionID
        self.clientID = clientID
        self.accessExpiresAt = accessExpiresAt
        self.clientIsEnabled = clientIsEnabled
        self.user = user
    }
}

/// Who a user is, as `GET /user` tells it.
public struct UserIdentity: Equatable, Sendable {
    public var id: String
    public var email: String

    public init(id: String, email: String) {
        self.id = id
        self.email = email
    }
}
