import Sodium

extension SessionService {
    /// Rotates the pair, or repeats the last rotation within the grace
    /// period, or ends the session when a rotated-away token comes back.
    ///
    /// The lookups run on the calling thread; the write is handed to the
    /// store, and `completion` hears the outcome once it is durable, on
    /// whichever thread the store calls back on.
    ///
    /// Racing refreshes of one pair all land here: one wins the conditional
    /// update, the others find the pair rotated a moment ago and, being
    /// within the grace period, get the winner's pair.
    public func refresh(
        accessToken: String?,
        refreshToken: String,
        client: ClientApplication,
        completion: @escaping @Sendable (Result<IssuedTokens, SessionError>) -> Void
    ) {
        guard let accessToken, !accessToken.isEmpty else { return completion(.failure(.invalidToken)) }
        attemptRefresh(PresentedPair(access: accessToken, refresh: refreshToken), client, tries: 3, completion)
    }

    /// One look at where the refresh token stands. A lost race sends the
    /// loser round once more, now on the "previous" path.
    private func attemptRefresh(
        _ presented: PresentedPair,
        _ client: ClientApplication,
        tries: Int,
        _ completion: @escaping @Sendable (Result<IssuedTokens, SessionError>) -> Void
    ) {
        guard tries > 0 else {
            return completion(.failure(.internalFailure("refresh kept losing races on one session")))
        }
        do throws(SessionError) {
            guard let family = TokenMint.familyKey(of: presented.refresh) else { throw .invalidToken }
            let found = try storeCall { () throws(StoreError) in try store.session(refreshFamily: family) }
            guard let found else { throw .invalidToken }
            switch RefreshTokenMatch(presented.refreshHash, in: found) {
            case .current(let session):
                let (rotation, tokens) = try prepareRotation(of: session, presented: presented, client: client)
                store.rotateSession(id: session.id, expectedRefreshHash: presented.refreshHash, to: rotation) {
                    outcome in
                    switch outcome {
                    case .success(true): completion(.success(tokens))
                    case .success(false): self.attemptRefresh(presented, client, tries: tries - 1, completion)
                    case .failure(let error): completion(.failure(SessionError(error)))
                    }
                }
            case .previous(let session):
                if let tokens = try repeatedRotation(of: session, presented: presented, client: client) {
                    completion(.success(tokens))
                } else {
                    revoke(session, completion)
                }
            case .retired(let session):
                try ensureOwned(session, by: client)
                revoke(session, completion)
            }
        } catch {
            completion(.failure(error))
        }
    }

    /// The new state of the session and the tokens that go with it.
    private func prepareRotation(
        of session: SessionRecord,
        presented: PresentedPair,
        client: ClientApplication
    ) throws(SessionError) -> (Rotation, IssuedTokens) {
        try ensureOwned(session, by: client)
        guard ConstantTime.equal(presented.accessHash, session.accessTokenHash) else { throw .invalidToken }
        let now = clock.now()
        try ensureLive(session, at: now)

        let access = TokenMint.makeToken()
        let refresh = TokenMint.makeRefreshToken(family: session.refreshFamily)
        let accessExpiresAt = accessDeadline(from: now, for: client, refreshExpiresAt: session.refreshExpiresAt)
        let rotation = Rotation(
            accessTokenHash: TokenMint.storedHash(of: access),
            refreshTokenHash: TokenMint.storedHash(of: refresh),
            accessExpiresAt: accessExpiresAt,
            previous: RotatedPair(
                accessTokenHash: presented.accessHash,
                refreshTokenHash: presented.refreshHash,
                rotatedAt: now,
                sealedSuccessor: TokenMint.sealSuccessor(access: access, refresh: refresh, under: presented.refresh)
            )
        )
        let tokens = IssuedTokens(
            accessToken: access,
            refreshToken: refresh,
            accessTokenExpiresIn: UInt32(secondsLeft: now.wholeSeconds(until: accessExpiresAt))
        )
        return (rotation, tokens)
    }

    /// The pair the last rotation handed out, when the request repeats it in
    /// time; nil when it came too late and the session must end.
    private func repeatedRotation(
        of session: SessionRecord,
        presented: PresentedPair,
        client: ClientApplication
    ) throws(SessionError) -> IssuedTokens? {
        try ensureOwned(session, by: client)
        guard let previous = session.previous else { throw .invalidToken }
        let now = clock.now()
        let withinGrace = now < previous.rotatedAt.adding(seconds: configuration.refreshGracePeriodSeconds)
        // After the grace period the rotated-away token is reused whatever
        // access token comes with it: whoever holds only the refresh token
        // must not be able to probe it without ending the session.
        guard ConstantTime.equal(presented.accessHash, previous.accessTokenHash) else {
            if withinGrace { throw .invalidToken }
            return nil
        }
        try ensureLive(session, at: now)

        guard withinGrace, let successor = TokenMint.openSuccessor(previous.sealedSuccessor, with: presented.refresh)
        else {
            return nil
        }
        return IssuedTokens(
            accessToken: successor.access,
            refreshToken: successor.refresh,
            accessTokenExpiresIn: UInt32(secondsLeft: now.wholeSeconds(until: session.accessExpiresAt))
        )
    }

    /// Refresh-token reuse (RFC 9700, section 4.14): the token may be in a
    /// thief's hands or the victim's, so neither keeps the session.
    private func revoke(
        _ session: SessionRecord,
        _ completion: @escaping @Sendable (Result<IssuedTokens, SessionError>) -> Void
    ) {
        store.deleteSession(id: session.id) { outcome in
            switch outcome {
            case .success: completion(.failure(.sessionRevoked))
            case .failure(let error): completion(.failure(SessionError(error)))
            }
        }
    }

    /// A session ends at its fixed deadline, and earlier when it has gone
    /// unused for the idle timeout since its login or its last refresh.
    private func ensureLive(_ session: SessionRecord, at now: Timestamp) throws(SessionError) {
        let lastUse = session.previous?.rotatedAt ?? session.createdAt
        guard now < session.refreshExpiresAt, now < lastUse.adding(seconds: configuration.idleTimeoutSeconds) else {
            throw .sessionExpired
        }
    }

    /// Tokens used with another client's id are treated as unknown.
    private func ensureOwned(_ session: SessionRecord, by client: ClientApplication) throws(SessionError) {
        guard session.clientID == client.id else { throw .invalidToken }
    }
}

/// The tokens of a refresh request and their stored-form hashes.
private struct PresentedPair: Sendable {
    let access: String
    let refresh: String
    let accessHash: [UInt8]
    let refreshHash: [UInt8]

    init(access: String, refresh: String) {
        self.access = access
        self.refresh = refresh
        accessHash = TokenMint.storedHash(of: access)
        refreshHash = TokenMint.storedHash(of: refresh)
    }
}
