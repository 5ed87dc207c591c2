import SessionCore

extension SQLiteSessionStore: StoreTransfer {
    public func countUsers() throws(StoreError) -> Int {
        try run { connection throws(SQLiteError) in
            var count = 0
            try connection.statement("SELECT count(*) FROM users").query([]) { row throws(SQLiteError) in
                count = Int(row.integer(0))
            }
            return count
        }
    }

    public func users(after id: String?, limit: Int) throws(StoreError) -> [User] {
        try run { connection throws(SQLiteError) in
            var page: [User] = []
            try connection.statement("SELECT \(Self.userColumns) FROM users WHERE id > ?1 ORDER BY id LIMIT ?2")
                .query([.text(id ?? ""), .integer(Int64(limit))]) { row throws(SQLiteError) in
                    page.append(Self.user(from: row))
                }
            return page
        }
    }

    public func sessions(liveAt now: Timestamp, after id: String?, limit: Int) throws(StoreError) -> [SessionRecord] {
        try run { connection throws(SQLiteError) in
            var page: [SessionRecord] = []
            try connection.statement(
                """
                SELECT \(Self.sessionColumns) FROM sessions
                WHERE refresh_expires_at > ?1 AND id > ?2 ORDER BY id LIMIT ?3
                """
            ).query([.integer(now.millisecondsSinceEpoch), .text(id ?? ""), .integer(Int64(limit))]) {
                row throws(SQLiteError) in page.append(Self.session(from: row))
            }
            return page
        }
    }

    public func importClients(_ clients: [ClientApplication]) throws(StoreError) -> Int {
        try insertEach(
            clients.map(Self.values(of:)),
            "INSERT INTO clients (\(Self.clientColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING"
        )
    }

    public func importUsers(_ users: [User]) throws(StoreError) -> Int {
        try insertEach(
            users.map(Self.values(of:)),
            "INSERT INTO users (\(Self.userColumns)) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING"
        )
    }

    public func importSessions(_ sessions: [SessionRecord]) throws(StoreError) -> Int {
        try insertEach(
            sessions.map(Self.values(of:)),
            """
            INSERT INTO sessions (\(Self.sessionColumns))
            SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13
            WHERE EXISTS (SELECT 1 FROM users WHERE id = ?2) AND EXISTS (SELECT 1 FROM clients WHERE id = ?3)
            ON CONFLICT DO NOTHING
            """
        )
    }

    /// One write of the writer for the page; how many rows went in.
    private func insertEach(_ rows: [[SQLiteValue]], _ sql: String) throws(StoreError) -> Int {
        try write { connection throws(SQLiteError) in
            var inserted = 0
            for values in rows {
                inserted += try connection.statement(sql).execute(values)
            }
            return inserted
        }
    }
}
