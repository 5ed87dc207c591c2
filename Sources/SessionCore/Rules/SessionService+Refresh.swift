import Sodium

extension SessionService {
    /// Rotates the pair, or repeats the last rotation within the grace
    /// period, or ends the session when a rotated-away token comes back.
    ///
    /// Racing refreshes of one pair all land here: one wins the conditional
    /// update, the others find the pair rotated a moment ago and, being
    /// within the grace period, get the winner's pair.
    public func refresh(
        accessToken: String?,
        refreshToken: String,
        client: ClientApplication
    ) throws(SessionError) -> IssuedTokens {
        guard let accessToken, !accessToken.isEmpty else { throw .invalidToken }
        let presented = PresentedPair(access: accessToken, refresh: refreshToken)

        // A lost race sends the loser round once more, now on the "previous" path.
        for _ in 0..<3 {
            let match = try storeCall { () throws(StoreError) in
                try store.session(refreshTokenHash: presented.refreshHash)
            }
            switch match {
            case nil:
                throw .invalidToken
            case .current(let session):
                if let tokens = try rotate(session, presented: presented, client: client) {
                    return tokens
                }
            case .previous(let session):
                return try repeatRotation(of: session, presented: presented, client: client)
            case .retired(let session):
                try ensureOwned(session, by: client)
                try revoke(session)
            }
        }
        throw .internalFailure("refresh kept losing races on one session")
    }

    /// A new pair for the current one, or nil if another refresh won the update.
    private func rotate(
        _ session: SessionRecord,
        presented: PresentedPair,
        client: ClientApplication
    ) throws(SessionError) -> IssuedTokens? {
        try ensureOwned(session, by: client)
        guard ConstantTime.equal(presented.accessHash, session.accessTokenHash) else { throw .invalidToken }
        let now = clock.now()
        guard now < session.refreshExpiresAt else { throw .sessionExpired }

        let access = TokenMint.makeToken()
        let refresh = TokenMint.makeToken()
        let accessExpiresAt = min(now.adding(seconds: accessLifetime(for: client)), session.refreshExpiresAt)
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

        let won = try storeCall { () throws(StoreError) in
            try store.rotateSession(id: session.id, expectedRefreshHash: presented.refreshHash, to: rotation)
        }
        guard won else { return nil }
        return IssuedTokens(
            accessToken: access,
            refreshToken: refresh,
            accessTokenExpiresIn: UInt32(secondsLeft: now.wholeSeconds(until: accessExpiresAt))
        )
    }

    /// The pair the last rotation handed out, when the request repeats it in time.
    private func repeatRotation(
        of session: SessionRecord,
        presented: PresentedPair,
        client: ClientApplication
    ) throws(SessionError) -> IssuedTokens {
        try ensureOwned(session, by: client)
        guard let previous = session.previous,
            ConstantTime.equal(presented.accessHash, previous.accessTokenHash)
        else {
            throw .invalidToken
        }
        let now = clock.now()
        guard now < session.refreshExpiresAt else { throw .sessionExpired }

        guard now < previous.rotatedAt.adding(seconds: configuration.refreshGracePeriodSeconds),
            let successor = TokenMint.openSuccessor(previous.sealedSuccessor, with: presented.refresh)
        else {
            try revoke(session)
        }
        return IssuedTokens(
            accessToken: successor.access,
            refreshToken: successor.refresh,
            accessTokenExpiresIn: UInt32(secondsLeft: now.wholeSeconds(until: session.accessExpiresAt))
        )
    }

    /// Refresh-token reuse (RFC 9700, section 4.14): the token may be in a
    /// thief's hands or the victim's, so neither keeps the session.
    private func revoke(_ session: SessionRecord) throws(SessionError) -> Never {
        try storeCall { () throws(StoreError) in try store.deleteSession(id: session.id) }
        throw .sessionRevoked
    }

    /// Tokens used with another client's id are treated as unknown.
    private func ensureOwned(_ session: SessionRecord, by client: ClientApplication) throws(SessionError) {
        guard session.clientID == client.id else { throw .invalidToken }
    }
}

/// The tokens of a refresh request and their stored-form hashes.
private struct PresentedPair {
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
