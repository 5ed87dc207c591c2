/// Where users, clients and sessions live. SQLite implements it now and
/// PostgreSQL later; the rules depend only on this.
///
/// - Important: every method is one transaction. `rotateSession` in
///   particular must be a conditional update, so that of two refreshes of
///   one pair exactly one succeeds. Completions must not call back into
///   the store synchronously for a write.
public protocol SessionStore: Sendable {
    func insertClient(_ client: ClientApplication) throws(StoreError)
    func client(id: String) throws(StoreError) -> ClientApplication?
    func clients() throws(StoreError) -> [ClientApplication]
    /// Disables the client and deletes every session of it; false when there is no such client.
    func disableClient(id: String) throws(StoreError) -> Bool

    /// Throws `.duplicateEmail` when the email key is taken.
    func insertUser(_ user: User) throws(StoreError)
    func user(emailKey: String) throws(StoreError) -> User?
    func user(id: String) throws(StoreError) -> User?
    func updatePasswordHash(userID: String, to hash: String) throws(StoreError)

    /// Inserts the session and, in the same transaction, deletes the
    /// user's oldest sessions beyond `limit`, the new one included.
    func insertSession(_ session: SessionRecord, keepingAtMost limit: Int) throws(StoreError)
    /// The session with this current access token, joined with its client's
    /// state and its user: the whole of a token check in one read.
    func authenticatedSession(accessTokenHash: [UInt8]) throws(StoreError) -> AuthenticatedSession?
    /// The session whose refresh tokens begin with this family key.
    func session(refreshFamily: [UInt8]) throws(StoreError) -> SessionRecord?
    /// Replaces the session's current pair if it is still `expectedRefreshHash`,
    /// keeping the replaced pair as `previous`. Reports false when another
    /// rotation (or a logout) got there first.
    ///
    /// It returns at once and reports to `completion` once the change is
    /// durable, perhaps on another thread: a caller on an event thread
    /// need not block while the commit is synced.
    func rotateSession(
        id: String,
        expectedRefreshHash: [UInt8],
        to rotation: Rotation,
        completion: @escaping @Sendable (Result<Bool, StoreError>) -> Void
    )
    /// Deletes the session; reports to `completion` as `rotateSession` does.
    func deleteSession(id: String, completion: @escaping @Sendable (Result<Void, StoreError>) -> Void)

    /// Sessions whose refresh deadline is after `now`.
    func countLiveSessions(now: Timestamp) throws(StoreError) -> Int

    /// Reports success once the store has answered a read and taken and
    /// released its write lock; a failure names why it could not.
    func checkReadiness(completion: @escaping @Sendable (Result<Void, StoreError>) -> Void)

    /// Deletes up to `limit` sessions whose refresh deadline is before
    /// `sessionsBefore`, or whose last login or refresh is before
    /// `unusedSince`; how many went. Small batches keep the write lock
    /// short, so callers repeat until fewer than `limit` go.
    func sweep(sessionsBefore: Timestamp, unusedSince: Timestamp, limit: Int) throws(StoreError) -> Int
}

/// The new state of a session after a refresh.
public struct Rotation: Equatable, Sendable {
    public var accessTokenHash: [UInt8]
    public var refreshTokenHash: [UInt8]
    public var accessExpiresAt: Timestamp
    public var previous: RotatedPair

    public init(accessTokenHash: [UInt8], refreshTokenHash: [UInt8], accessExpiresAt: Timestamp, previous: RotatedPair)
    {
        self.accessTokenHash = accessTokenHash
        self.refreshTokenHash = refreshTokenHash
        self.accessExpiresAt = accessExpiresAt
        self.previous = previous
    }
}
