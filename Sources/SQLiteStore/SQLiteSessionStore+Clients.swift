import SessionCore

extension SQLiteSessionStore {
    static let clientColumns =
        "id, name, access_ttl_seconds, refresh_ttl_seconds, enabled, created_at, origins"

    public func insertClient(_ client: ClientApplication) throws(StoreError) {
        try write { connection throws(SQLiteError) in
            try connection.statement(
                """
                INSERT INTO clients (\(Self.clientColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                """
            ).execute(Self.values(of: client))
        }
    }

    /// Answered from the read cache when it can be; see `ReadCache`.
    public func client(id: String) throws(StoreError) -> ClientApplication? {
        try readThrough(
            { $0.lookup(clientID: id) },
            read: { () throws(StoreError) in try readClient(id: id) },
            fill: { cache, client, ticket in cache.fill(client, ticket: ticket) }
        )
    }

    private func readClient(id: String) throws(StoreError) -> ClientApplication? {
        try run { connection throws(SQLiteError) in
            var found: ClientApplication?
            try connection.statement("SELECT \(Self.clientColumns) FROM clients WHERE id = ?1").query([.text(id)]) {
                row throws(SQLiteError) in found = Self.client(from: row)
            }
            return found
        }
    }

    public func clients() throws(StoreError) -> [ClientApplication] {
        try run { connection throws(SQLiteError) in
            var found: [ClientApplication] = []
            try connection.statement("SELECT \(Self.clientColumns) FROM clients ORDER BY created_at, id").query([]) {
                row throws(SQLiteError) in found.append(Self.client(from: row))
            }
            return found
        }
    }

    public func disableClient(id: String) throws(StoreError) -> Bool {
        try write(afterCommit: { [readCache] in readCache?.forgetAll() }) { connection throws(SQLiteError) in
            let changed = try connection.statement("UPDATE clients SET enabled = 0 WHERE id = ?1")
                .execute([.text(id)])
            try connection.statement("DELETE FROM sessions WHERE client_id = ?1").execute([.text(id)])
            return changed == 1
        }
    }

    static func client(from row: SQLiteRow) -> ClientApplication {
        ClientApplication(
            id: row.text(0),
            name: row.text(1),
            accessTokenLifetimeSeconds: row.optionalInteger(2),
            refreshTokenLifetimeSeconds: row.optionalInteger(3),
            isEnabled: row.integer(4) != 0,
            createdAt: Timestamp(millisecondsSinceEpoch: row.integer(5)),
            allowedOrigins: row.text(6).split(separator: "\n").map(String.init)
        )
    }
}
