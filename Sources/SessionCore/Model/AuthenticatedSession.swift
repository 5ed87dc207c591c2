/// A session found by its access token, with what a token check needs from
/// the rows around it, so that the check is one read of the store.
public struct AuthenticatedSession: Equatable, Sendable {
    public var session: SessionRecord
    /// Whether the session's own client is still enabled.
    public var clientIsEnabled: Bool
    public var user: UserIdentity

    public init(session: SessionRecord, clientIsEnabled: Bool, user: UserIdentity) {
        self.session = session
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
