import Postgres
import SessionCore

extension PostgresSessionStore {
    static let userColumns = "id, email, email_key, password_hash, created_at"

    public func insertUser(_ user: User) throws(StoreError) {
        do {
            _ = try pool.withConnection { connection throws(PostgresError) in
                try connection.query(
                    "INSERT INTO users (\(Self.userColumns)) VALUES ($1, $2, $3, $4, $5)",
                    Self.values(of: user)
                )
            }
        } catch  where error.isUniqueViolation {
            throw .duplicateEmail
        } catch {
            throw error.storeError
        }
    }

    public func user(emailKey: String) throws(StoreError) -> User? {
        try fetchUser(where: "email_key = $1", .text(emailKey))
    }

    public func user(id: String) throws(StoreError) -> User? {
        try fetchUser(where: "id = $1", .text(id))
    }

    public func updatePasswordHash(userID: String, to hash: String) throws(StoreError) {
        try run { connection throws(PostgresError) in
            try connection.query("UPDATE users SET password_hash = $1 WHERE id = $2", [.text(hash), .text(userID)])
        }
    }

    private func fetchUser(where condition: String, _ value: PostgresValue) throws(StoreError) -> User? {
        try run { connection throws(PostgresError) in
            try connection.query("SELECT \(Self.userColumns) FROM users WHERE \(condition)", [value]).first.map(
                Self.user(from:)
            )
        }
    }

    static func user(from row: PostgresRow) -> User {
        User(
            id: row.text(0),
            email: row.text(1),
            emailKey: row.text(2),
            passwordHash: row.text(3),
            createdAt: Timestamp(millisecondsSinceEpoch: row.integer(4))
        )
    }
}
