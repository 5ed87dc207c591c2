import Dispatch
import Foundation
import Postgres
import SessionCore

/// The shared store: PostgreSQL (or a database that speaks its protocol),
/// used by any number of koms instances at once. The instances keep no
/// session state of their own, so each answers from the database and a
/// logout through one holds on all of them at once.
public final class PostgresSessionStore: SessionStore {
    let pool: PostgresConnectionPool
    /// Refreshes, logouts and readiness checks wait for a round trip and a
    /// commit here, not on the caller's event thread.
    private let background = DispatchQueue(label: "koms.postgres", attributes: .concurrent)

    /// Connects, and applies the missing migrations under an advisory lock.
    ///
    /// - Parameters:
    ///   - connectionString: a libpq URL or key-value string; an empty one
    ///     leaves everything to the `PG…` environment variables.
    ///   - connections: the most connections open at once.
    ///   - statementMode: `.unnamed` behind a pooler in transaction mode.
    public init(
        connectionString: String,
        connections: Int = 8,
        statementMode: PostgresConnection.StatementMode = .named
    ) throws(StoreError) {
        pool = PostgresConnectionPool(
            connectionString: connectionString,
            capacity: max(1, connections),
            statementMode: statementMode
        )
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try run { connection throws(PostgresError) in try PostgresMigrations.apply(on: connection, now: now) }
    }

    public func close() {
        pool.close()
    }

    /// Runs statements outside a transaction (each its own), translating errors.
    @discardableResult
    func run<Result>(_ body: (PostgresConnection) throws(PostgresError) -> Result) throws(StoreError) -> Result {
        do {
            return try pool.withConnection(body)
        } catch {
            throw error.storeError
        }
    }

    /// Runs statements in one transaction, translating errors.
    @discardableResult
    func transaction<Result>(
        _ body: (PostgresConnection) throws(PostgresError) -> Result
    ) throws(StoreError) -> Result {
        do {
            return try pool.transaction(body)
        } catch {
            throw error.storeError
        }
    }

    /// Runs `body` off the caller's thread and hands its outcome to `completion`.
    func inBackground<Result>(
        _ completion: @escaping @Sendable (Swift.Result<Result, StoreError>) -> Void,
        _ body: @escaping @Sendable () throws(StoreError) -> Result
    ) {
        background.async {
            completion(Swift.Result { () throws(StoreError) in try body() })
        }
    }

    /// A read, then a check that the server takes writes: a standby in
    /// recovery, as during a failover, does not.
    public func checkReadiness(completion: @escaping @Sendable (Result<Void, StoreError>) -> Void) {
        inBackground(completion) { [self] () throws(StoreError) in
            let readOnly = try run { connection throws(PostgresError) in
                try connection.query("SELECT max(version)::int8, pg_is_in_recovery() FROM schema_migrations")
                    .first?.boolean(1) ?? false
            }
            if readOnly {
                throw .unavailable("the database is a standby in recovery and takes no writes")
            }
        }
    }
}
