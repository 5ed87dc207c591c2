import Dispatch
import Synchronization

/// A fixed set of connections, each lent to one thread at a time.
///
/// WAL mode lets the borrowers read in parallel; writers queue on SQLite's
/// write lock, waiting up to the busy timeout.
final class ConnectionPool: Sendable {
    private let idle: Mutex<[ConnectionBox]>
    private let available: DispatchSemaphore
    private let capacity: Int

    init(connections: [SQLiteConnection]) {
        capacity = connections.count
        idle = Mutex(connections.map(ConnectionBox.init))
        available = DispatchSemaphore(value: connections.count)
    }

    @discardableResult
    func withConnection<Result>(
        _ body: (SQLiteConnection) throws(SQLiteError) -> Result
    ) throws(SQLiteError) -> Result {
        available.wait()
        guard let box = idle.withLock({ $0.popLast() }) else {
            available.signal()
            throw SQLiteError.closed
        }
        defer {
            idle.withLock { $0.append(box) }
            available.signal()
        }
        return try body(box.connection)
    }

    /// Closes every connection once each is back in the pool; borrowers
    /// after that get an error (SQLITE_MISUSE, 21).
    func close() {
        for _ in 0..<capacity {
            available.wait()
        }
        idle.withLock { $0.removeAll() }
        // Dispatch traps when a semaphore is freed below its initial value.
        for _ in 0..<capacity {
            available.signal()
        }
    }
}

/// A connection that moves between threads while only one thread holds it
/// at a time: the pool's lock and semaphore ensure it for readers, and the
/// writer's connection never leaves its thread.
struct ConnectionBox: @unchecked Sendable {
    let connection: SQLiteConnection
}
