internal import CSQLite
import SessionCore

/// A failed SQLite call: the extended result code, SQLite's message and the
/// statement. Bound values are never part of it, since they include token
/// hashes and password hashes.
struct SQLiteError: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    let sql: String?

    var description: String {
        let statement = sql.map { " in \"\($0)\"" } ?? ""
        return "SQLite error \(code): \(message)\(statement)"
    }

    /// A call after `close()`; SQLITE_MISUSE, since it is the caller's mistake.
    static let closed = SQLiteError(code: SQLITE_MISUSE, message: "the store is closed", sql: nil)

    /// The primary result code, which the extended one refines.
    var primaryCode: Int32 { code & 0xFF }

    /// SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY are macros
    /// Swift does not import; their values are fixed by SQLite's file format
    /// of result codes (https://www.sqlite.org/rescode.html).
    var isUniqueViolation: Bool {
        code == SQLITE_CONSTRAINT | (8 << 8) || code == SQLITE_CONSTRAINT | (6 << 8)
    }

    /// Conditions that pass: contention, a read-only or full disk, I/O trouble.
    var isTransient: Bool {
        [SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_FULL, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_PROTOCOL]
            .contains(primaryCode)
    }

    var storeError: StoreError {
        isTransient ? .unavailable(description) : .failure(description)
    }
}
