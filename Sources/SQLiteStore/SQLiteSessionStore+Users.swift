import SessionCore

extension SQLiteSessionStore {
    static let userColumns = "id, email, email_key, password_hash, created_at"

    public func insertUser(_ user: User) throws(StoreError) {
        do {
            try writer.write { connection throws(SQLiteError) in
                try connection.statement("INSERT INTO users (\(Self.userColumns)) VALUES (?1, ?2, ?3, ?4, ?5)")
                    .execute(Self.values(of: user))
            }
        } catch  where error.isUniqueViolation {
            throw .duplicateEmail
        } catch {
            throw error.storeError
        }
    }

    public func user(emailKey: String) throws(StoreError) -> User? {
        try fetchUser(where: "email_key = ?1", .text(emailKey))
    }

    public func user(id: String) throws(StoreError) -> User? {
        try fetchUser(where: "id = ?1", .text(id))
    }

    public func updatePasswordHash(userID: String, to hash: String) throws(StoreError) {
        try write { connection throws(SQLiteError) in
            try connection.statement("UPDATE users SET password_hash = ?1 WHERE id = ?2")
                .execute([.text(hash), .text(userID)])
        }
    }

    private func fetchUser(where condition: String, _ value: SQLiteValue) throws(StoreError) -> User? {
        try run { connection throws(SQLiteError) in
            var found: User?
            try connection.statement("SELECT \(Self.userColumns) FROM users WHERE \(condition)").query([value]) {
                row throws(SQLiteError) in
                found = Self.user(from: row)
            }
            return found
        }
    }

    static func user(from row: SQLiteRow) -> User {
        User(
            id: row.text(0),
            email: row.text(1),
            emailKey: row.text(2),
            passwordHash: row.text(3),
            createdAt: Timestamp(millisecondsSinceEpoch: row.integer(4))
        )
    }
}
