import Foundation
import SessionCore

/// The embedded store: one SQLite file in WAL mode, shared by a pool of
/// connections, and by `koms client` commands run beside the server.
public final class SQLiteSessionStore: SessionStore {
    let pool: ConnectionPool
    let writer: GroupCommitWriter
    /// Nil when SQLite lends no WAL index to read; token checks then all
    /// read the database.
    let readCache: ReadCache?

    /// Opens (creating if needed) and migrates the database at `path`.
    ///
    /// - Parameters:
    ///   - connections: read connections; writes have one more of their own.
    ///   - synchronous: `.full` syncs every commit, so an acknowledged write
    ///     survives power loss; `.normal` syncs only at checkpoints, so the
    ///     last commits before a power loss can be lost (never to a crash
    ///     of the process alone).
    public init(
        path: String,
        connections: Int = 4,
        busyTimeoutMilliseconds: Int32 = 5000,
        synchronous: Synchronous = .full
    ) throws(StoreError) {
        do {
            let writing = try SQLiteConnection(
                path: path,
                busyTimeoutMilliseconds: busyTimeoutMilliseconds,
                synchronous: synchronous
            )
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            try Migrations.apply(on: writing, now: now)
            var reading: [SQLiteConnection] = []
            for _ in 0..<max(1, connections) {
                reading.append(
                    try SQLiteConnection(
                        path: path,
                        busyTimeoutMilliseconds: busyTimeoutMilliseconds,
                        synchronous: synchronous
                    )
                )
            }
            pool = ConnectionPool(connections: reading)
            readCache = WALIndex(databasePath: path).map(ReadCache.init)
            writer = GroupCommitWriter(connection: writing, observer: readCache)
        } catch {
            throw error.storeError
        }
    }

    /// Commits what is waiting and closes the connections, which
    /// checkpoints the WAL into the database file.
    public func close() {
        readCache?.retire()
        writer.close()
        pool.close()
    }

    /// Runs a read on a pooled connection, translating SQLite's errors.
    @discardableResult
    func run<Result>(_ body: (SQLiteConnection) throws(SQLiteError) -> Result) throws(StoreError) -> Result {
        do {
            return try pool.withConnection(body)
        } catch {
            throw error.storeError
        }
    }

    /// Runs a write in the writer's next batch; it returns once committed.
    @discardableResult
    func write<Result>(
        afterCommit: (@Sendable () -> Void)? = nil,
        _ body: (SQLiteConnection) throws(SQLiteError) -> Result
    ) throws(StoreError) -> Result {
        do {
            return try writer.write(body, afterCommit: afterCommit)
        } catch {
            throw error.storeError
        }
    }
}

extension SQLiteSessionStore {
    /// A read on a pooled connection, then an empty transaction of the
    /// writer's, which waits for the write lock as any write would.
    public func checkReadiness(completion: @escaping @Sendable (Result<Void, StoreError>) -> Void) {
        do {
            try run { connection throws(SQLiteError) in
                try connection.statement("SELECT max(version) FROM schema_migrations").execute([])
            }
        } catch {
            return completion(.failure(error))
        }
        submit(completion) { _ throws(SQLiteError) in }
    }

    /// The cached value, or the database's, which then fills the cache;
    /// `read` alone when there is no cache.
    func readThrough<Value>(
        _ lookup: (ReadCache) -> ReadCache.Lookup<Value>,
        read: () throws(StoreError) -> Value?,
        fill: (ReadCache, Value, UInt64) -> Void
    ) throws(StoreError) -> Value? {
        guard let readCache else { return try read() }
        switch lookup(readCache) {
        case .hit(let value):
            return value
        case .stale:
            requestResync(readCache)
            return try read()
        case .miss:
            let ticket = readCache.fillTicket()
            let found = try read()
            if let found {
                fill(readCache, found, ticket)
            }
            return found
        }
    }

    /// After a stale lookup: an empty write, so that the writer notices
    /// another process's commit even when it has nothing of its own to
    /// write. One at a time.
    func requestResync(_ readCache: ReadCache) {
        if readCache.claimResync() {
            writer.submit({ _ throws(SQLiteError) in }, completion: { _ in })
        }
    }

    /// Queues a write for the writer's next batch; `completion` hears once it is durable.
    func submit<Result>(
        _ completion: @escaping @Sendable (Swift.Result<Result, StoreError>) -> Void,
        afterCommit: (@Sendable () -> Void)? = nil,
        _ body: @escaping (SQLiteConnection) throws(SQLiteError) -> Result
    ) {
        writer.submit(body, afterCommit: afterCommit) { outcome in
            completion(outcome.mapError(\.storeError))
        }
    }
}

/// How often SQLite syncs the WAL (https://www.sqlite.org/pragma.html#pragma_synchronous).
public enum Synchronous: String, Sendable {
    case full
    case normal
}
