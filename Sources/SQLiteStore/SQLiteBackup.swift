internal import CSQLite
import Foundation

/// What a backup wrote.
public struct BackupSummary: Sendable {
    public let path: String
    public let bytes: Int
    public let pages: Int
}

/// A consistent copy of the database, taken with SQLite's online backup
/// API while a server goes on writing to it.
public enum SQLiteBackup {
    /// Copies the database at `source` into a new file at `target`.
    ///
    /// The copy is the database as it stood at one moment after the call
    /// began: every commit acknowledged before then is in it, whether it
    /// still sits in the WAL or was checkpointed. The copy is a database of
    /// its own, in rollback-journal mode, which opens with no `-wal` file.
    public static func copy(
        database source: String,
        to target: String,
        busyTimeoutMilliseconds: Int32 = 5000
    ) throws(BackupError) -> BackupSummary {
        guard !FileManager.default.fileExists(atPath: target) else { throw .targetExists(target) }
        guard FileManager.default.fileExists(atPath: source) else { throw .sourceMissing(source) }

        let partial = try PartialFile(beside: target)
        do {
            let pages = try copyPages(from: source, to: partial.path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            let bytes = try partial.sync()
            try partial.publish()
            return BackupSummary(path: target, bytes: bytes, pages: pages)
        } catch {
            partial.discard()
            throw error
        }
    }

    /// Copies every page, leaves the copy self-contained and checked, and
    /// closes both ends; the number of pages copied.
    private static func copyPages(
        from source: String,
        to destination: String,
        busyTimeoutMilliseconds: Int32
    ) throws(BackupError) -> Int {
        let pages: Int
        let report: [String]
        do {
            // Without SQLITE_OPEN_CREATE, so that a source removed since the
            // check is an error rather than a new, empty database.
            let reading = try SQLiteConnection(
                path: source,
                flags: SQLITE_OPEN_READWRITE,
                busyTimeoutMilliseconds: busyTimeoutMilliseconds
            )
            let writing = try SQLiteConnection(
                path: destination,
                flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                busyTimeoutMilliseconds: busyTimeoutMilliseconds
            )
            defer {
                writing.close()
                reading.close()
            }

            pages = try copyEveryPage(from: reading, to: writing)
            try makeSelfContained(writing)
            report = try answers(of: "PRAGMA integrity_check", on: writing)
        } catch {
            throw .database(error.description)
        }
        guard report == ["ok"] else { throw .copyDamaged(report.joined(separator: "; ")) }
        return pages
    }

    /// Copies with `-1`: every page in one step, so in one read transaction
    /// of the source. In smaller steps, "if the source database is modified
    /// by … a database connection other than the one being used by the
    /// backup operation, then the backup will be restarted by the next call
    /// to sqlite3_backup_step()" (https://www.sqlite.org/c3ref/backup_finish.html):
    /// a busy server would restart it again and again.
    private static func copyEveryPage(
        from reading: SQLiteConnection,
        to writing: SQLiteConnection
    ) throws(SQLiteError) -> Int {
        guard let backup = sqlite3_backup_init(writing.handle, "main", reading.handle, "main") else {
            throw writing.error(sqlite3_errcode(writing.handle), sql: nil)
        }
        let stepped = sqlite3_backup_step(backup, -1)
        let pages = Int(sqlite3_backup_pagecount(backup))
        // finish frees the backup whatever step answered; it repeats step's
        // errors, except busy and locked.
        sqlite3_backup_finish(backup)
        guard stepped == SQLITE_DONE else {
            throw SQLiteError(code: stepped, message: String(cString: sqlite3_errstr(stepped)), sql: nil)
        }
        return pages
    }

    /// The copy has the source's header, which asks for WAL mode, so every
    /// opening would make a `-wal` and a `-shm` beside it, and could not
    /// read it where they cannot be written. Switched to rollback-journal
    /// mode, its header says so, and the file opens alone.
    private static func makeSelfContained(_ writing: SQLiteConnection) throws(SQLiteError) {
        let modes = try answers(of: "PRAGMA journal_mode = DELETE", on: writing)
        guard modes == ["delete"] else {
            throw SQLiteError(code: SQLITE_ERROR, message: "the copy stayed in journal mode \(modes)", sql: nil)
        }
    }

    /// The first column of every row a statement answers.
    private static func answers(of sql: String, on connection: SQLiteConnection) throws(SQLiteError) -> [String] {
        var rows: [String] = []
        try connection.statement(sql).query([]) { row throws(SQLiteError) in rows.append(row.text(0)) }
        return rows
    }
}
