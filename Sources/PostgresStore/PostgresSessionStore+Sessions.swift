import Postgres
import SessionCore

extension PostgresSessionStore {
    static let sessionColumns = """
        id, user_id, client_id, access_hash, refresh_hash, access_expires_at, refresh_expires_at, created_at, \
        previous_access_hash, previous_refresh_hash, previous_rotated_at, previous_sealed_successor, refresh_family
        """

    public func insertSession(_ session: SessionRecord, keepingAtMost limit: Int) throws(StoreError) {
        try transaction { connection throws(PostgresError) in
            try connection.query(
                "INSERT INTO sessions (\(Self.sessionColumns)) VALUES (\(placeholders(13)))",
                Self.values(of: session)
            )
            try connection.query(
                """
                DELETE FROM sessions WHERE id IN
                    (SELECT id FROM sessions WHERE user_id = $1 ORDER BY created_at DESC, id DESC OFFSET $2)
                """,
                [.text(session.userID), .integer(Int64(limit))]
            )
        }
    }

    /// Always read from the database: another instance may have rotated,
    /// ended or disabled it a moment ago.
    public func authenticatedSession(accessTokenHash: [UInt8]) throws(StoreError) -> AuthenticatedSession? {
        try run { connection throws(PostgresError) in
            try connection.query(
                """
                SELECT s.id, s.client_id, s.access_expires_at, c.enabled, s.user_id, u.email FROM sessions s
                    JOIN clients c ON c.id = s.client_id
                    JOIN users u ON u.id = s.user_id
                WHERE s.access_hash = $1
                """,
                [.bytes(accessTokenHash)]
            ).first.map { row in
                AuthenticatedSession(
                    sessionID: row.text(0),
                    clientID: row.text(1),
                    accessExpiresAt: Timestamp(millisecondsSinceEpoch: row.integer(2)),
                    clientIsEnabled: row.boolean(3),
                    user: UserIdentity(id: row.text(4), email: row.text(5))
                )
            }
        }
    }

    public func session(refreshFamily: [UInt8]) throws(StoreError) -> SessionRecord? {
        try run { connection throws(PostgresError) in
            try connection.query(
                "SELECT \(Self.sessionColumns) FROM sessions WHERE refresh_family = $1",
                [.bytes(refreshFamily)]
            ).first.map(Self.session(from:))
        }
    }

    /// One conditional UPDATE: of two instances rotating the same pair at
    /// once, the second waits on the row lock, then finds the refresh hash
    /// changed and updates nothing.
    public func rotateSession(
        id: String,
        expectedRefreshHash: [UInt8],
        to rotation: Rotation,
        completion: @escaping @Sendable (Result<Bool, StoreError>) -> Void
    ) {
        inBackground(completion) { [self] () throws(StoreError) in
            try run { connection throws(PostgresError) in
                try connection.query(
                    """
                    UPDATE sessions SET access_hash = $3, refresh_hash = $4, access_expires_at = $5,
                        previous_access_hash = $6, previous_refresh_hash = $7, previous_rotated_at = $8,
                        previous_sealed_successor = $9
                    WHERE id = $1 AND refresh_hash = $2
                    """,
                    [
                        .text(id), .bytes(expectedRefreshHash), .bytes(rotation.accessTokenHash),
                        .bytes(rotation.refreshTokenHash), .integer(rotation.accessExpiresAt.millisecondsSinceEpoch),
                        .bytes(rotation.previous.accessTokenHash), .bytes(rotation.previous.refreshTokenHash),
                        .integer(rotation.previous.rotatedAt.millisecondsSinceEpoch),
                        .bytes(rotation.previous.sealedSuccessor),
                    ]
                ).affectedRows == 1
            }
        }
    }

    public func deleteSession(id: String, completion: @escaping @Sendable (Result<Void, StoreError>) -> Void) {
        inBackground(completion) { [self] () throws(StoreError) in
            try run { connection throws(PostgresError) in
                _ = try connection.query("DELETE FROM sessions WHERE id = $1", [.text(id)])
            }
        }
    }

    public func countLiveSessions(now: Timestamp) throws(StoreError) -> Int {
        try run { connection throws(PostgresError) in
            Int(
                try connection.query(
                    "SELECT count(*) FROM sessions WHERE refresh_expires_at > $1",
                    [.integer(now.millisecondsSinceEpoch)]
                ).first?.integer(0) ?? 0
            )
        }
    }

    /// Also forgets failed logins last seen before the same moment. Idle
    /// sessions have no index, since one would cost every refresh another
    /// write, so finding them scans the table; PostgreSQL's readers hold up
    /// no writer meanwhile.
    public func sweep(sessionsBefore: Timestamp, unusedSince: Timestamp, limit: Int) throws(StoreError) -> Int {
        try run { connection throws(PostgresError) in
            try connection.query(
                """
                DELETE FROM login_failures WHERE email_key IN
                    (SELECT email_key FROM login_failures WHERE last_failed_at < $1 LIMIT $2)
                """,
                [.integer(sessionsBefore.millisecondsSinceEpoch), .integer(Int64(limit))]
            )
            return try connection.query(
                """
                DELETE FROM sessions WHERE id IN
                    (SELECT id FROM sessions
                        WHERE refresh_expires_at < $1 OR coalesce(previous_rotated_at, created_at) < $3 LIMIT $2)
                """,
                [
                    .integer(sessionsBefore.millisecondsSinceEpoch), .integer(Int64(limit)),
                    .integer(unusedSince.millisecondsSinceEpoch),
                ]
            ).affectedRows
        }
    }

    static func session(from row: PostgresRow) -> SessionRecord {
        var previous: RotatedPair?
        if !row.isNull(9) {
            previous = RotatedPair(
                accessTokenHash: row.bytes(8),
                refreshTokenHash: row.bytes(9),
                rotatedAt: Timestamp(millisecondsSinceEpoch: row.integer(10)),
                sealedSuccessor: row.bytes(11)
            )
        }
        return SessionRecord(
            id: row.text(0),
            userID: row.text(1),
            clientID: row.text(2),
            refreshFamily: row.bytes(12),
            accessTokenHash: row.bytes(3),
            refreshTokenHash: row.bytes(4),
            accessExpiresAt: Timestamp(millisecondsSinceEpoch: row.integer(5)),
            refreshExpiresAt: Timestamp(millisecondsSinceEpoch: row.integer(6)),
            createdAt: Timestamp(millisecondsSinceEpoch: row.integer(7)),
            previous: previous
        )
    }
}
