import Postgres
import SessionCore

extension PostgresSessionStore: StoreTransfer {
    public func countUsers() throws(StoreError) -> Int {
        try run { connection throws(PostgresError) in
            Int(try connection.query("SELECT count(*) FROM users").first?.integer(0) ?? 0)
        }
    }

    public func users(after id: String?, limit: Int) throws(StoreError) -> [User] {
        try run { connection throws(PostgresError) in
            try connection.query(
                "SELECT \(Self.userColumns) FROM users WHERE id > $1 ORDER BY id LIMIT $2",
                [.text(id ?? ""), .integer(Int64(limit))]
            ).rows.map(Self.user(from:))
        }
    }

    public func sessions(liveAt now: Timestamp, after id: String?, limit: Int) throws(StoreError) -> [SessionRecord] {
        try run { connection throws(PostgresError) in
            try connection.query(
                """
                SELECT \(Self.sessionColumns) FROM sessions
                WHERE refresh_expires_at > $1 AND id > $2 ORDER BY id LIMIT $3
                """,
                [.integer(now.millisecondsSinceEpoch), .text(id ?? ""), .integer(Int64(limit))]
            ).rows.map(Self.session(from:))
        }
    }

    public func importClients(_ clients: [ClientApplication]) throws(StoreError) -> Int {
        try insertEach(
            clients.map(Self.values(of:)),
            "INSERT INTO clients (\(Self.clientColumns)) VALUES (\(placeholders(7))) ON CONFLICT DO NOTHING"
        )
    }

    public func importUsers(_ users: [User]) throws(StoreError) -> Int {
        try insertEach(
            users.map(Self.values(of:)),
            "INSERT INTO users (\(Self.userColumns)) VALUES (\(placeholders(5))) ON CONFLICT DO NOTHING"
        )
    }

    public func importSessions(_ sessions: [SessionRecord]) throws(StoreError) -> Int {
        try insertEach(
            sessions.map(Self.values(of:)),
            """
            INSERT INTO sessions (\(Self.sessionColumns))
            SELECT $1::text, $2::text, $3::text, $4::bytea, $5::bytea, $6::int8, $7::int8, $8::int8, $9::bytea,
                $10::bytea, $11::int8, $12::bytea, $13::bytea
            WHERE EXISTS (SELECT 1 FROM users WHERE id = $2) AND EXISTS (SELECT 1 FROM clients WHERE id = $3)
            ON CONFLICT DO NOTHING
            """
        )
    }

    /// One transaction for the page; how many rows went in.
    private func insertEach(_ rows: [[PostgresValue]], _ sql: String) throws(StoreError) -> Int {
        try transaction { connection throws(PostgresError) in
            var inserted = 0
            for values in rows {
                inserted += try connection.query(sql, values).affectedRows
            }
            return inserted
        }
    }
}

/// `$1, $2, …, $count`.
func placeholders(_ count: Int) -> String {
    (1...count).map { "$\($0)" }.joined(separator: ", ")
}
