import Sodium

extension SessionService {
    /// Seconds left on the current, unexpired access token.
    public func accessTokenExpiresIn(accessToken: String?, client: ClientApplication) throws(SessionError) -> UInt32 {
        let session = try liveSession(accessToken: accessToken, client: client)
        return UInt32(secondsLeft: clock.now().wholeSeconds(until: session.accessExpiresAt))
    }

    /// The account behind the current, unexpired access token.
    public func currentUser(accessToken: String?, client: ClientApplication) throws(SessionError) -> User {
        let session = try liveSession(accessToken: accessToken, client: client)
        guard let user = try storeCall({ () throws(StoreError) in try store.user(id: session.userID) }) else {
            throw .invalidToken
        }
        return user
    }

    /// Ends the session of the current access token, expired or not.
    public func logOut(accessToken: String?, client: ClientApplication) throws(SessionError) {
        let session = try currentSession(accessToken: accessToken, client: client)
        try storeCall { () throws(StoreError) in try store.deleteSession(id: session.id) }
    }

    /// The session whose current access token this is, whether or not it has expired.
    func currentSession(accessToken: String?, client: ClientApplication) throws(SessionError) -> SessionRecord {
        guard let accessToken, !accessToken.isEmpty else { throw .invalidToken }
        let hash = TokenMint.storedHash(of: accessToken)
        guard let session = try storeCall({ () throws(StoreError) in try store.session(accessTokenHash: hash) }),
            session.clientID == client.id
        else {
            throw .invalidToken
        }
        return session
    }

    private func liveSession(accessToken: String?, client: ClientApplication) throws(SessionError) -> SessionRecord {
        let session = try currentSession(accessToken: accessToken, client: client)
        guard clock.now() < session.accessExpiresAt else { throw .tokenExpired }
        return session
    }
}
