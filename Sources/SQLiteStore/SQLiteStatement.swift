internal import CSQLite

/// A prepared statement, reused for every execution on its connection.
/// Like its connection it is used by one thread at a time.
final class SQLiteStatement {
    let handle: OpaquePointer
    let sql: String
    private unowned let connection: SQLiteConnection

    init(connection: SQLiteConnection, sql: String) throws(SQLiteError) {
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v3(connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard code == SQLITE_OK, let prepared else {
            sqlite3_finalize(prepared)
            throw connection.error(code, sql: sql)
        }
        self.handle = prepared
        self.sql = sql
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds the values to ?1, ?2 … and steps through every row.
    func query(_ values: [SQLiteValue], row: (SQLiteRow) throws(SQLiteError) -> Void) throws(SQLiteError) {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        try bind(values)
        while true {
            let code = sqlite3_step(handle)
            switch code {
            case SQLITE_ROW:
                try row(SQLiteRow(statement: handle))
            case SQLITE_DONE:
                return
            default:
                throw connection.error(code, sql: sql)
            }
        }
    }

    /// Runs a statement that returns no rows; the number of rows it changed.
    @discardableResult
    func execute(_ values: [SQLiteValue]) throws(SQLiteError) -> Int {
        try query(values) { _ throws(SQLiteError) in }
        return Int(sqlite3_changes(connection.handle))
    }

    private func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .integer(let number):
                code = sqlite3_bind_int64(handle, index, number)
            case .text(let text):
                code = CSQLite_bind_text_transient(handle, index, text, Int32(text.utf8.count))
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { buffer in
                    CSQLite_bind_blob_transient(handle, index, buffer.baseAddress, Int32(buffer.count))
                }
            case .null:
                code = sqlite3_bind_null(handle, index)
            }
            guard code == SQLITE_OK else { throw connection.error(code, sql: sql) }
        }
    }
}

/// The current row of a stepping statement; valid only inside the row callback.
struct SQLiteRow {
    let statement: OpaquePointer

    func integer(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement, column)
    }

    func optionalInteger(_ column: Int32) -> Int? {
        isNull(column) ? nil : Int(integer(column))
    }

    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func blob(_ column: Int32) -> [UInt8] {
        guard let bytes = sqlite3_column_blob(statement, column) else { return [] }
        let count = Int(sqlite3_column_bytes(statement, column))
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(statement, column) == SQLITE_NULL
    }
}
