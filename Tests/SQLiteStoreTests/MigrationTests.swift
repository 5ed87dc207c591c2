import Foundation
import Testing

@testable import SQLiteStore

@Suite("Schema migrations")
struct MigrationTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("koms-migrate-\(UUID().uuidString).sqlite")
        .path

    @Test("moving to refresh families ends the sessions made before, and keeps clients and users")
    func refreshFamiliesEndOldSessions() throws {
        let old = try SQLiteConnection(path: path, busyTimeoutMilliseconds: 1000)
        try old.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)")
        for step in Migrations.steps where step.version <= 2 {
            try old.execute(step.sql)
            try old.execute("INSERT INTO schema_migrations VALUES (\(step.version), 0)")
        }
        try old.execute(
            """
            INSERT INTO clients (id, name, created_at) VALUES ('c', 'app', 0);
            INSERT INTO users (id, email, email_key, password_hash, created_at) VALUES ('u', 'a@b.c', 'a@b.c', 'h', 0);
            INSERT INTO sessions (id, user_id, client_id, access_hash, refresh_hash, access_expires_at,
                refresh_expires_at, created_at) VALUES ('s', 'u', 'c', x'01', x'02', 1, 2, 0);
            INSERT INTO retired_refresh_tokens VALUES (x'03', 's', 0);
            """
        )
        old.close()

        let store = try SQLiteSessionStore(path: path, connections: 1)
        defer { store.close() }
        #expect(try store.client(id: "c") != nil)
        #expect(try store.user(id: "u") != nil)
        let left = try store.run { connection throws(SQLiteError) in
            var names: [String] = []
            try connection.statement("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").query([]) {
                row throws(SQLiteError) in names.append(row.text(0))
            }
            var sessions = -1
            try connection.statement("SELECT count(*) FROM sessions").query([]) { row throws(SQLiteError) in
                sessions = Int(row.integer(0))
            }
            return (names, sessions)
        }
        #expect(left.1 == 0)
        #expect(!left.0.contains("retired_refresh_tokens"))
    }
}
