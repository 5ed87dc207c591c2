import Postgres
import SessionCore

extension PostgresSessionStore {
    static let clientColumns =
        "id, name, access_ttl_seconds, refresh_ttl_seconds, enabled, created_at, origins"

    public func insertClient(_ client: ClientApplication) throws(StoreError) {
        try run { connection throws(PostgresError) in
            try connection.query(
                "INSERT INTO clients (\(Self.clientColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                Self.values(of: client)
            )
        }
    }

    public func client(id: String) throws(StoreError) -> ClientApplication? {
        try run { connection throws(PostgresError) in
            try connection.query("SELECT \(Self.clientColumns) FROM clients WHERE id = $1", [.text(id)])
                .first.map(Self.client(from:))
        }
    }

    public func clients() throws(StoreError) -> [ClientApplication] {
        try run { connection throws(PostgresError) in
            try connection.query("SELECT \(Self.clientColumns) FROM clients ORDER BY created_at, id")
                .rows.map(Self.client(from:))
        }
    }

    public func disableClient(id: String) throws(StoreError) -> Bool {
        try transaction { connection throws(PostgresError) in
            let changed = try connection.query("UPDATE clients SET enabled = FALSE WHERE id = $1", [.text(id)])
            try connection.query("DELETE FROM sessions WHERE client_id = $1", [.text(id)])
            return changed.affectedRows == 1
        }
    }

    static func client(from row: PostgresRow) -> ClientApplication {
        ClientApplication(
            id: row.text(0),
            name: row.text(1),
            accessTokenLifetimeSeconds: row.optionalInteger(2),
            refreshTokenLifetimeSeconds: row.optionalInteger(3),
            isEnabled: row.boolean(4),
            createdAt: Timestamp(millisecondsSinceEpoch: row.integer(5)),
            allowedOrigins: row.text(6).split(separator: "\n").map(String.init)
        )
    }
}
