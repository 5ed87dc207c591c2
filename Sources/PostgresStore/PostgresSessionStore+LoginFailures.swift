import Postgres
import SessionCore

extension PostgresSessionStore: LoginFailureLedger {
    public func loginFailures(emailKey: String) throws(StoreError) -> LoginFailures? {
        try run { connection throws(PostgresError) in
            try connection.query(
                "SELECT failures::int8, locked_until FROM login_failures WHERE email_key = $1",
                [.text(emailKey)]
            ).first.map(Self.loginFailures(from:))
        }
    }

    /// The upsert takes the row's lock, which the transaction holds until
    /// the wait is set: concurrent failures queue and each sees the count
    /// the previous one left.
    public func recordLoginFailure(
        emailKey: String,
        at now: Timestamp,
        waitAfter: (Int) -> Timestamp?
    ) throws(StoreError) -> LoginFailures {
        try transaction { connection throws(PostgresError) in
            let counted = try connection.query(
                """
                INSERT INTO login_failures (email_key, failures, locked_until, last_failed_at) VALUES ($1, 1, 0, $2)
                ON CONFLICT (email_key) DO UPDATE
                    SET failures = login_failures.failures + 1, last_failed_at = EXCLUDED.last_failed_at
                RETURNING failures::int8, locked_until
                """,
                [.text(emailKey), .integer(now.millisecondsSinceEpoch)]
            ).first.map(Self.loginFailures(from:))
            guard var state = counted else {
                throw PostgresError(sqlState: nil, message: "the failed-login upsert returned no row")
            }
            if let lockedUntil = waitAfter(state.failures), lockedUntil > state.lockedUntil {
                try connection.query(
                    "UPDATE login_failures SET locked_until = $2 WHERE email_key = $1",
                    [.text(emailKey), .integer(lockedUntil.millisecondsSinceEpoch)]
                )
                state.lockedUntil = lockedUntil
            }
            return state
        }
    }

    public func clearLoginFailures(emailKey: String) throws(StoreError) {
        try run { connection throws(PostgresError) in
            _ = try connection.query("DELETE FROM login_failures WHERE email_key = $1", [.text(emailKey)])
        }
    }

    private static func loginFailures(from row: PostgresRow) -> LoginFailures {
        LoginFailures(
            failures: Int(row.integer(0)),
            lockedUntil: Timestamp(millisecondsSinceEpoch: row.integer(1))
        )
    }
}
