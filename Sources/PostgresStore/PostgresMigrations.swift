import Postgres

/// The schema in PostgreSQL's dialect, numbered as SQLite's steps are, so
/// that a version names the same tables and columns in both stores; step 5
/// is PostgreSQL's alone, since only a shared database needs to keep
/// failed logins.
enum PostgresMigrations {
    static let steps: [(version: Int, sql: String)] = [
        (1, initialSchema),
        (2, sweepIndexes),
        (3, refreshFamilies),
        (4, clientOrigins),
        (5, loginFailures),
    ]

    /// Applies the missing steps in one transaction that first takes a
    /// transaction-scoped advisory lock: instances starting together
    /// queue on it, and the later ones find nothing left to do. A
    /// transaction-scoped lock also works behind a pooler in transaction mode.
    static func apply(on connection: PostgresConnection, now: Int64) throws(PostgresError) {
        try connection.transaction { () throws(PostgresError) in
            try connection.query("SELECT pg_advisory_xact_lock($1)", [.integer(lockKey)])
            try connection.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"
            )
            let applied =
                try connection.query("SELECT COALESCE(MAX(version), 0)::int8 FROM schema_migrations")
                .first?.integer(0) ?? 0
            for step in steps where step.version > applied {
                try connection.execute(step.sql)
                try connection.query(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES ($1::int8, $2)",
                    [.integer(Int64(step.version)), .integer(now)]
                )
            }
        }
    }

    /// Any fixed number names the lock; this one spells "koms" in ASCII.
    private static let lockKey: Int64 = 0x6B6F_6D73

    private static let initialSchema = """
        CREATE TABLE clients (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            access_ttl_seconds BIGINT,
            refresh_ttl_seconds BIGINT,
            enabled BOOLEAN NOT NULL DEFAULT TRUE,
            created_at BIGINT NOT NULL
        );
        CREATE TABLE users (
            id TEXT PRIMARY KEY,
            email TEXT NOT NULL,
            email_key TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL
        );
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
            access_hash BYTEA NOT NULL UNIQUE,
            refresh_hash BYTEA NOT NULL UNIQUE,
            access_expires_at BIGINT NOT NULL,
            refresh_expires_at BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            previous_access_hash BYTEA,
            previous_refresh_hash BYTEA UNIQUE,
            previous_rotated_at BIGINT,
            previous_sealed_successor BYTEA
        );
        CREATE INDEX sessions_by_user ON sessions (user_id);
        CREATE INDEX sessions_by_client ON sessions (client_id);
        CREATE TABLE retired_refresh_tokens (
            refresh_hash BYTEA PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            retired_at BIGINT NOT NULL
        );
        CREATE INDEX retired_refresh_tokens_by_session ON retired_refresh_tokens (session_id);
        """

    private static let sweepIndexes = """
        CREATE INDEX sessions_by_refresh_deadline ON sessions (refresh_expires_at);
        CREATE INDEX retired_refresh_tokens_by_age ON retired_refresh_tokens (retired_at);
        """

    /// As SQLite's step 3: sessions are found by their refresh family, and
    /// sessions made before it end.
    private static let refreshFamilies = """
        DROP TABLE retired_refresh_tokens;
        DROP TABLE sessions;
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
            refresh_family BYTEA NOT NULL UNIQUE,
            access_hash BYTEA NOT NULL UNIQUE,
            refresh_hash BYTEA NOT NULL,
            access_expires_at BIGINT NOT NULL,
            refresh_expires_at BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            previous_access_hash BYTEA,
            previous_refresh_hash BYTEA,
            previous_rotated_at BIGINT,
            previous_sealed_successor BYTEA
        );
        CREATE INDEX sessions_by_user ON sessions (user_id);
        CREATE INDEX sessions_by_client ON sessions (client_id);
        CREATE INDEX sessions_by_refresh_deadline ON sessions (refresh_expires_at);
        """

    private static let clientOrigins = """
        ALTER TABLE clients ADD COLUMN origins TEXT NOT NULL DEFAULT '';
        """

    /// Consecutive failed logins per email, shared by every instance so
    /// that spreading guesses over them does not multiply the budget.
    private static let loginFailures = """
        CREATE TABLE login_failures (
            email_key TEXT PRIMARY KEY,
            failures INTEGER NOT NULL,
            locked_until BIGINT NOT NULL,
            last_failed_at BIGINT NOT NULL
        );
        CREATE INDEX login_failures_by_age ON login_failures (last_failed_at);
        """
}
