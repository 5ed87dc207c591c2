import Dispatch
import Postgres
import Synchronization

/// Up to `capacity` connections, each lent to one thread at a time.
///
/// Connections are made when first needed and dropped when they break, so
/// that a restarted or failed-over database is reached again without a
/// restart of koms: the next borrower connects anew, and libpq tries the
/// hosts of a multi-host URL in turn. Nothing is retried: a statement whose
/// connection broke may have been applied, so its caller hears of the
/// failure.
final class PostgresConnectionPool: Sendable {
    private let connectionString: String
    private let statementMode: PostgresConnection.StatementMode
    private let idle = Mutex<[PostgresConnectionBox]>([])
    private let slots: DispatchSemaphore
    private let closed = Atomic(false)

    init(connectionString: String, capacity: Int, statementMode: PostgresConnection.StatementMode) {
        self.connectionString = connectionString
        self.statementMode = statementMode
        slots = DispatchSemaphore(value: capacity)
    }

    func withConnection<Result>(
        _ body: (PostgresConnection) throws(PostgresError) -> Result
    ) throws(PostgresError) -> Result {
        guard !closed.load(ordering: .acquiring) else { throw Self.closedError }
        slots.wait()
        defer { slots.signal() }
        let connection = try borrow()
        defer { giveBack(connection) }
        return try body(connection)
    }

    func transaction<Result>(
        _ body: (PostgresConnection) throws(PostgresError) -> Result
    ) throws(PostgresError) -> Result {
        try withConnection { connection throws(PostgresError) in
            try connection.transaction { () throws(PostgresError) in try body(connection) }
        }
    }

    /// Drops idle connections; borrowers after this get an error.
    func close() {
        closed.store(true, ordering: .releasing)
        idle.withLock { $0.removeAll() }
    }

    /// An idle connection that is still open, or a new one. The server
    /// closes its end when it shuts down, which the liveness check sees
    /// without a round trip.
    private func borrow() throws(PostgresError) -> PostgresConnection {
        while let box = idle.withLock({ $0.popLast() }) {
            if box.connection.isAlive() { return box.connection }
        }
        return try PostgresConnection(connectionString, statementMode: statementMode)
    }

    private func giveBack(_ connection: PostgresConnection) {
        guard connection.isUsable, !closed.load(ordering: .acquiring) else { return }
        idle.withLock { $0.append(PostgresConnectionBox(connection: connection)) }
    }

    private static let closedError = PostgresError(sqlState: nil, message: "the store is closed")
}

/// A connection that moves between threads while only one holds it: the
/// pool's lock and semaphore ensure it.
struct PostgresConnectionBox: @unchecked Sendable {
    let connection: PostgresConnection
}
