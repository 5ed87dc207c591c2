import Sodium

extension SessionService {
    /// Seconds left on the current, unexpired access token.
    public func accessTokenExpiresIn(accessToken: String?, clientID: String?) throws(SessionError) -> UInt32 {
        let found = try liveSession(accessToken: accessToken, clientID: clientID)
        return UInt32(secondsLeft: clock.now().wholeSeconds(until: found.accessExpiresAt))
    }

    /// The account behind the current, unexpired access token.
    public func currentUser(accessToken: String?, clientID: String?) throws(SessionError) -> UserIdentity {
        try liveSession(accessToken: accessToken, clientID: clientID).user
    }

    /// Ends the session of the current access token, expired or not. The
    /// lookup runs on the calling thread; `completion` hears once the
    /// deletion is durable.
    public func logOut(
        accessToken: String?,
        clientID: String?,
        completion: @escaping @Sendable (Result<Void, SessionError>) -> Void
    ) {
        let found: AuthenticatedSession
        do {
            found = try currentSession(accessToken: accessToken, clientID: clientID)
        } catch {
            return completion(.failure(error))
        }
        store.deleteSession(id: found.sessionID) { outcome in
            completion(outcome.mapError(SessionError.init))
        }
    }

    /// The session whose current access token this is, expired or not,
    /// sent by the enabled client that owns it.
    ///
    /// The common case, a good token from its own client, costs one read.
    /// Only when that fails is the client looked up on its own, so that a
    /// bad client id still answers `invalid_client` before a bad token
    /// answers `invalid_token`.
    func currentSession(accessToken: String?, clientID: String?) throws(SessionError) -> AuthenticatedSession {
        guard let clientID, !clientID.isEmpty else { throw .invalidClient }
        if let accessToken, !accessToken.isEmpty {
            let hash = TokenMint.storedHash(of: accessToken)
            let found = try storeCall { () throws(StoreError) in try store.authenticatedSession(accessTokenHash: hash) }
            if let found, found.clientID == clientID, found.clientIsEnabled {
                return found
            }
        }
        _ = try authenticateClient(id: clientID)
        throw .invalidToken
    }

    private func liveSession(accessToken: String?, clientID: String?) throws(SessionError) -> AuthenticatedSession {
        let found = try currentSession(accessToken: accessToken, clientID: clientID)
        guard clock.now() < found.accessExpiresAt else { throw .tokenExpired }
        return found
    }
}
