/// The schema as numbered steps. A database records the steps it has had in
/// `schema_migrations` and gets the missing ones at start; a step is never
/// edited once released, only followed by a new one.
enum Migrations {
    static let steps: [(version: Int, sql: String)] = [
        (1, initialSchema),
        (2, sweepIndexes),
        (3, refreshFamilies),
        (4, clientOrigins),
    ]

    static func apply(on connection: SQLiteConnection, now: Int64) throws(SQLiteError) {
        try connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)"
        )

        // One transaction for reading the version and applying the rest, so
        // that two processes opening a new database do not both migrate it.
        try connection.writeTransaction { () throws(SQLiteError) in
            var applied = 0
            try connection.statement("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").query([]) {
                row throws(SQLiteError) in applied = Int(row.integer(0))
            }
            for step in steps where step.version > applied {
                try connection.execute(step.sql)
                try connection.statement("INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)")
                    .execute([.integer(Int64(step.version)), .integer(now)])
            }
        }
    }

    private static let initialSchema = """
        CREATE TABLE clients (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            access_ttl_seconds INTEGER,
            refresh_ttl_seconds INTEGER,
            enabled INTEGER NOT NULL DEFAULT 1,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE users (
            id TEXT PRIMARY KEY,
            email TEXT NOT NULL,
            email_key TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
            access_hash BLOB NOT NULL UNIQUE,
            refresh_hash BLOB NOT NULL UNIQUE,
            access_expires_at INTEGER NOT NULL,
            refresh_expires_at INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            previous_access_hash BLOB,
            previous_refresh_hash BLOB UNIQUE,
            previous_rotated_at INTEGER,
            previous_sealed_successor BLOB
        );
        CREATE INDEX sessions_by_user ON sessions (user_id);
        CREATE INDEX sessions_by_client ON sessions (client_id);
        CREATE TABLE retired_refresh_tokens (
            refresh_hash BLOB PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            retired_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX retired_refresh_tokens_by_session ON retired_refresh_tokens (session_id);
        """

    /// The background sweep finds dead rows by age instead of scanning.
    private static let sweepIndexes = """
        CREATE INDEX sessions_by_refresh_deadline ON sessions (refresh_expires_at);
        CREATE INDEX retired_refresh_tokens_by_age ON retired_refresh_tokens (retired_at);
        """

    /// Sessions are found by the family key their refresh tokens begin
    /// with, and refresh tokens are no longer indexed or kept once rotated
    /// away, so a refresh rewrites one row and one index entry. Tokens made
    /// before carry no family key: their sessions end, and their users log
    /// in again once.
    private static let refreshFamilies = """
        DROP TABLE retired_refresh_tokens;
        DROP TABLE sessions;
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
            refresh_family BLOB NOT NULL UNIQUE,
            access_hash BLOB NOT NULL UNIQUE,
            refresh_hash BLOB NOT NULL,
            access_expires_at INTEGER NOT NULL,
            refresh_expires_at INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            previous_access_hash BLOB,
            previous_refresh_hash BLOB,
            previous_rotated_at INTEGER,
            previous_sealed_successor BLOB
        );
        CREATE INDEX sessions_by_user ON sessions (user_id);
        CREATE INDEX sessions_by_client ON sessions (client_id);
        CREATE INDEX sessions_by_refresh_deadline ON sessions (refresh_expires_at);
        """

    /// The web origins a client's pages call from, one a line.
    private static let clientOrigins = """
        ALTER TABLE clients ADD COLUMN origins TEXT NOT NULL DEFAULT '';
        """
}
