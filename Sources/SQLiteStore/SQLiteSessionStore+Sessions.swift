import SessionCore
import Synchronization

extension SQLiteSessionStore {
    static let sessionColumns = """
        id, user_id, client_id, access_hash, refresh_hash, access_expires_at, refresh_expires_at, created_at, \
        previous_access_hash, previous_refresh_hash, previous_rotated_at, previous_sealed_successor, refresh_family
        """

    /// The sessions it deletes leave the read cache after the commit, as
    /// those of a logout do.
    public func insertSession(_ session: SessionRecord, keepingAtMost limit: Int) throws(StoreError) {
        let evicted = EvictedSessions()
        let forgetEvicted: @Sendable () -> Void = { [readCache] in
            for id in evicted.ids.withLock({ $0 }) {
                readCache?.forget(sessionID: id)
            }
        }
        try write(afterCommit: forgetEvicted) { connection throws(SQLiteError) in
            try connection.statement(
                "INSERT INTO sessions (\(Self.sessionColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
            ).execute(Self.values(of: session))
            var oldest: [String] = []
            try connection.statement(
                """
                DELETE FROM sessions WHERE rowid IN
                    (SELECT rowid FROM sessions WHERE user_id = ?1 ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET ?2)
                RETURNING id
                """
            ).query([.text(session.userID), .integer(Int64(limit))]) { row throws(SQLiteError) in
                oldest.append(row.text(0))
            }
            evicted.ids.withLock { $0 = oldest }
        }
    }

    /// Answered from the read cache when it can be; see `ReadCache`.
    public func authenticatedSession(accessTokenHash: [UInt8]) throws(StoreError) -> AuthenticatedSession? {
        try readThrough(
            { $0.lookup(accessHash: accessTokenHash) },
            read: { () throws(StoreError) in try readAuthenticatedSession(accessTokenHash: accessTokenHash) },
            fill: { cache, session, ticket in cache.fill(session, accessHash: accessTokenHash, ticket: ticket) }
        )
    }

    private func readAuthenticatedSession(accessTokenHash: [UInt8]) throws(StoreError) -> AuthenticatedSession? {
        try run { connection throws(SQLiteError) in
            var found: AuthenticatedSession?
            try connection.statement(
                """
                SELECT s.id, s.client_id, s.access_expires_at, c.enabled, s.user_id, u.email FROM sessions s
                    JOIN clients c ON c.id = s.client_id
                    JOIN users u ON u.id = s.user_id
                WHERE s.access_hash = ?1
                """
            ).query([.blob(accessTokenHash)]) { row throws(SQLiteError) in
                found = AuthenticatedSession(
                    sessionID: row.text(0),
                    clientID: row.text(1),
                    accessExpiresAt: Timestamp(millisecondsSinceEpoch: row.integer(2)),
                    clientIsEnabled: row.integer(3) != 0,
                    user: UserIdentity(id: row.text(4), email: row.text(5))
                )
            }
            return found
        }
    }

    public func session(refreshFamily: [UInt8]) throws(StoreError) -> SessionRecord? {
        try run { connection throws(SQLiteError) in
            var found: SessionRecord?
            try connection.statement("SELECT \(Self.sessionColumns) FROM sessions WHERE refresh_family = ?1")
                .query([.blob(refreshFamily)]) { row throws(SQLiteError) in found = Self.session(from: row) }
            return found
        }
    }

    public func rotateSession(
        id: String,
        expectedRefreshHash: [UInt8],
        to rotation: Rotation,
        completion: @escaping @Sendable (Result<Bool, StoreError>) -> Void
    ) {
        let replaced = rotation.previous.accessTokenHash
        submit(completion, afterCommit: { [readCache] in readCache?.forget(accessHash: replaced) }) {
            connection throws(SQLiteError) in
            let changed = try connection.statement(
                """
                UPDATE sessions SET access_hash = ?3, refresh_hash = ?4, access_expires_at = ?5,
                    previous_access_hash = ?6, previous_refresh_hash = ?7, previous_rotated_at = ?8,
                    previous_sealed_successor = ?9
                WHERE id = ?1 AND refresh_hash = ?2
                """
            ).execute([
                .text(id), .blob(expectedRefreshHash), .blob(rotation.accessTokenHash),
                .blob(rotation.refreshTokenHash), .integer(rotation.accessExpiresAt.millisecondsSinceEpoch),
                .blob(rotation.previous.accessTokenHash), .blob(rotation.previous.refreshTokenHash),
                .integer(rotation.previous.rotatedAt.millisecondsSinceEpoch),
                .blob(rotation.previous.sealedSuccessor),
            ])
            return changed == 1
        }
    }

    public func deleteSession(id: String, completion: @escaping @Sendable (Result<Void, StoreError>) -> Void) {
        submit(completion, afterCommit: { [readCache] in readCache?.forget(sessionID: id) }) {
            connection throws(SQLiteError) in
            try connection.statement("DELETE FROM sessions WHERE id = ?1").execute([.text(id)])
        }
    }

    /// A range of the refresh-deadline index, not a scan of the table.
    public func countLiveSessions(now: Timestamp) throws(StoreError) -> Int {
        try run { connection throws(SQLiteError) in
            var count = 0
            try connection.statement("SELECT count(*) FROM sessions WHERE refresh_expires_at > ?1")
                .query([.integer(now.millisecondsSinceEpoch)]) { row throws(SQLiteError) in count = Int(row.integer(0))
                }
            return count
        }
    }

    /// Sessions past their deadline are found through its index, under the
    /// write lock. Idle ones have no index, since one would cost every
    /// refresh another write: they are looked for only once a batch has room
    /// left after the deadline's, on a read connection, where a scan of the
    /// whole table holds up no writer, and each is looked at again as it is
    /// deleted, in case it was refreshed meanwhile.
    public func sweep(sessionsBefore: Timestamp, unusedSince: Timestamp, limit: Int) throws(StoreError) -> Int {
        let expired = try write(afterCommit: { [readCache] in readCache?.forgetAll() }) {
            connection throws(SQLiteError) in
            try connection.statement(
                """
                DELETE FROM sessions WHERE rowid IN
                    (SELECT rowid FROM sessions WHERE refresh_expires_at < ?1 LIMIT ?2)
                """
            ).execute([.integer(sessionsBefore.millisecondsSinceEpoch), .integer(Int64(limit))])
        }
        guard expired < limit else { return expired }
        let idle = try run { connection throws(SQLiteError) in
            var ids: [String] = []
            try connection.statement(
                "SELECT id FROM sessions WHERE coalesce(previous_rotated_at, created_at) < ?1 LIMIT ?2"
            ).query([.integer(unusedSince.millisecondsSinceEpoch), .integer(Int64(limit - expired))]) {
                row throws(SQLiteError) in ids.append(row.text(0))
            }
            return ids
        }
        guard !idle.isEmpty else { return expired }
        let idleRemoved = try write(afterCommit: { [readCache] in readCache?.forgetAll() }) {
            connection throws(SQLiteError) in
            let deleteIdle = try connection.statement(
                "DELETE FROM sessions WHERE id = ?1 AND coalesce(previous_rotated_at, created_at) < ?2"
            )
            var removed = 0
            for id in idle {
                removed += try deleteIdle.execute([.text(id), .integer(unusedSince.millisecondsSinceEpoch)])
            }
            return removed
        }
        return expired + idleRemoved
    }

    static func session(from row: SQLiteRow) -> SessionRecord {
        var previous: RotatedPair?
        if !row.isNull(9) {
            previous = RotatedPair(
                accessTokenHash: row.blob(8),
                refreshTokenHash: row.blob(9),
                rotatedAt: Timestamp(millisecondsSinceEpoch: row.integer(10)),
                sealedSuccessor: row.blob(11)
            )
        }
        return SessionRecord(
            id: row.text(0),
            userID: row.text(1),
            clientID: row.text(2),
            refreshFamily: row.blob(12),
            accessTokenHash: row.blob(3),
            refreshTokenHash: row.blob(4),
            accessExpiresAt: Timestamp(millisecondsSinceEpoch: row.integer(5)),
            refreshExpiresAt: Timestamp(millisecondsSinceEpoch: row.integer(6)),
            createdAt: Timestamp(millisecondsSinceEpoch: row.integer(7)),
            previous: previous
        )
    }
}

/// The ids a session insert deleted, handed from its statements to its
/// after-commit action; both run on the writer's thread.
private final class EvictedSessions: Sendable {
    let ids = Mutex<[String]>([])
}
