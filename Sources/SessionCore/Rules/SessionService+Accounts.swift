import Sodium

extension SessionService {
    /// Registers an account. Hashes the password: run it off the event threads.
    public func signUp(email rawEmail: String, password: String) throws(SessionError) -> User {
        let (email, key) = try CredentialPolicy.normalizeEmail(rawEmail)
        let passwordBytes = try CredentialPolicy.acceptPassword(password, email: email)

        let hash: String
        do {
            hash = try hasher.hash(password: passwordBytes)
        } catch {
            throw .internalFailure("password hashing failed: \(error)")
        }

        let user = User(
            id: Self.makeIdentifier(),
            email: email,
            emailKey: key,
            passwordHash: hash,
            createdAt: clock.now()
        )
        try storeCall { () throws(StoreError) in try store.insertUser(user) }
        return user
    }

    /// Lets a login for this email go on to the password check, or refuses
    /// it while the email waits out a delay after repeated failures. Cheap:
    /// call it before queueing the hash.
    public func admitLogin(email: String) throws(SessionError) -> LoginAttempt {
        let key = try CredentialPolicy.loginEmailKey(email)
        guard let loginThrottle else { return LoginAttempt(emailKey: key, throttle: nil) }
        switch try storeCall({ () throws(StoreError) in try loginThrottle.admit(key) }) {
        case .admitted:
            return LoginAttempt(emailKey: key, throttle: loginThrottle)
        case .untracked:
            return LoginAttempt(emailKey: key, throttle: nil)
        case .refused(let seconds):
            throw .tooManyAttempts(retryAfterSeconds: seconds)
        }
    }

    /// Opens a session. Hashes the password: run it off the event threads.
    public func logIn(
        _ attempt: LoginAttempt,
        password: String,
        client: ClientApplication
    ) throws(SessionError) -> IssuedTokens {
        let passwordBytes = CredentialPolicy.normalizePassword(password)
        let user = try storeCall { () throws(StoreError) in try store.user(emailKey: attempt.emailKey) }

        if let user {
            try ensureVerifiable(user)
        }

        // Verify even when there is no such user, against a hash of the
        // same cost, so the answer takes as long either way.
        let verified = hasher.verify(password: passwordBytes, hash: user?.passwordHash ?? dummyHash)
        guard let user, verified else {
            attempt.settle(.failed)
            throw .invalidCredentials(user == nil ? .unknownEmail : .wrongPassword)
        }
        attempt.settle(.succeeded)

        if hasher.needsRehash(user.passwordHash) {
            try upgradeHash(of: user, password: passwordBytes)
        }
        return try openSession(for: user, client: client)
    }

    /// Refuses a stored hash that would cost far more than the configured
    /// parameters (4 times their memory and iterations, and at least 256 MiB
    /// and 10 passes): verifying it could exhaust memory, and no hash this
    /// service made looks like that.
    private func ensureVerifiable(_ user: User) throws(SessionError) {
        let configured = hasher.parameters
        let memoryCap = max(256 << 20, configured.memoryBytes * 4)
        let iterationCap = max(10, configured.iterations * 4)
        guard let cost = PasswordHasher.cost(of: user.passwordHash),
            cost.memoryBytes <= memoryCap, cost.iterations <= iterationCap
        else {
            throw .damagedRecord("the stored password hash of user \(user.id) exceeds the cost bounds")
        }
    }

    /// Re-hashes with the current parameters a password stored under older ones.
    private func upgradeHash(of user: User, password: [UInt8]) throws(SessionError) {
        let upgraded: String
        do {
            upgraded = try hasher.hash(password: password)
        } catch {
            throw .internalFailure("password re-hashing failed: \(error)")
        }
        try storeCall { () throws(StoreError) in try store.updatePasswordHash(userID: user.id, to: upgraded) }
    }

    private func openSession(for user: User, client: ClientApplication) throws(SessionError) -> IssuedTokens {
        let now = clock.now()
        let access = TokenMint.makeToken()
        let family = TokenMint.makeFamilyKey()
        let refresh = TokenMint.makeRefreshToken(family: family)
        let refreshExpiresAt = now.adding(seconds: refreshLifetime(for: client))
        let accessExpiresAt = accessDeadline(from: now, for: client, refreshExpiresAt: refreshExpiresAt)

        let session = SessionRecord(
            id: Self.makeIdentifier(),
            userID: user.id,
            clientID: client.id,
            refreshFamily: family,
            accessTokenHash: TokenMint.storedHash(of: access),
            refreshTokenHash: TokenMint.storedHash(of: refresh),
            accessExpiresAt: accessExpiresAt,
            refreshExpiresAt: refreshExpiresAt,
            createdAt: now
        )
        let limit = configuration.maximumSessionsPerUser
        try storeCall { () throws(StoreError) in try store.insertSession(session, keepingAtMost: limit) }
        return IssuedTokens(
            accessToken: access,
            refreshToken: refresh,
            accessTokenExpiresIn: UInt32(secondsLeft: now.wholeSeconds(until: accessExpiresAt))
        )
    }
}
