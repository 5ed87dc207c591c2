internal import CSQLite

/// One open database handle with its cache of prepared statements.
///
/// Opened with SQLITE_OPEN_NOMUTEX: the pool hands a connection to one
/// thread at a time, so SQLite's own per-connection mutex would be wasted.
final class SQLiteConnection {
    let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]
    private var isClosed = false

    /// Global settings, applied once before the first connection opens.
    private static let configured: Void = {
        _ = CSQLite_disable_memory_statistics()
    }()

    /// A connection to koms's own database, created if missing, with the
    /// settings every store connection runs with.
    convenience init(
        path: String,
        busyTimeoutMilliseconds: Int32,
        synchronous: Synchronous = .full
    ) throws(SQLiteError) {
        try self.init(
            path: path,
            flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
            busyTimeoutMilliseconds: busyTimeoutMilliseconds
        )

        // WAL lets readers proceed while one writer commits; FULL syncs the
        // WAL at every commit, so an acknowledged write survives power loss.
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = \(synchronous.rawValue.uppercased())")
        try execute("PRAGMA foreign_keys = ON")
    }

    /// A connection without the store's settings, for a backup: it reads
    /// the live database as it is, and writes a file the store never
    /// serves. `flags` say whether a missing file is created.
    init(path: String, flags: Int32, busyTimeoutMilliseconds: Int32) throws(SQLiteError) {
        Self.configured
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let opened else {
            // "Whether or not an error occurs when it is opened, resources
            // associated with the database connection handle should be
            // released by passing it to sqlite3_close()" (sqlite3_open docs).
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(opened)
            throw SQLiteError(code: code, message: message, sql: nil)
        }
        handle = opened
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    }

    deinit {
        close()
    }

    /// Finalizes the statements and closes the handle. The last connection
    /// of a database to close checkpoints the WAL and removes it; nothing
    /// may use the connection afterwards.
    func close() {
        guard !isClosed else { return }
        statements.removeAll()
        sqlite3_close_v2(handle)
        isClosed = true
    }

    /// The cached statement for this SQL, prepared on first use.
    func statement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let cached = statements[sql] {
            return cached
        }
        let prepared = try SQLiteStatement(connection: self, sql: sql)
        statements[sql] = prepared
        return prepared
    }

    /// Runs SQL text of one or more statements without caching, for pragmas and migrations.
    func execute(_ sql: String) throws(SQLiteError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code, sql: sql) }
    }

    /// Runs `body` in a write transaction taken at once (BEGIN IMMEDIATE), so
    /// that it waits for the write lock up front instead of failing midway.
    func writeTransaction<Result>(_ body: () throws(SQLiteError) -> Result) throws(SQLiteError) -> Result {
        try statement("BEGIN IMMEDIATE").execute([])
        do {
            let result = try body()
            try statement("COMMIT").execute([])
            return result
        } catch {
            _ = try? statement("ROLLBACK").execute([])
            throw error
        }
    }

    /// Rows changed by every statement so far on this connection.
    var totalChanges: Int64 {
        sqlite3_total_changes64(handle)
    }

    func error(_ code: Int32, sql: String?) -> SQLiteError {
        SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
