import Foundation
import SessionCore

/// The embedded store: one SQLite file in WAL mode, shared by a pool of
/// connections, and by `koms client` commands run beside the server.
public final class SQLiteSessionStore: SessionStore {
    let pool: ConnectionPool

    /// Opens (creating if needed) and migrates the database at `path`.
    public init(path: String, connections: Int = 4, busyTimeoutMilliseconds: Int32 = 5000) throws(StoreError) {
        do {
            var opened: [SQLiteConnection] = []
            for _ in 0..<max(1, connections) {
                opened.append(try SQLiteConnection(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds))
            }
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            try Migrations.apply(on: opened[0], now: now)
            pool = ConnectionPool(connections: opened)
        } catch {
            throw error.storeError
        }
    }

    /// Closes the connections, which checkpoints the WAL into the database file.
    public func close() {
        pool.close()
    }

    /// Runs `body` on a pooled connection, translating SQLite's errors.
    @discardableResult
    func run<Result>(_ body: (SQLiteConnection) throws(SQLiteError) -> Result) throws(StoreError) -> Result {
        do {
            return try pool.withConnection(body)
        } catch {
            throw error.storeError
        }
    }
}
