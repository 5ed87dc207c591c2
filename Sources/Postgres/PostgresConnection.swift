internal import CPostgres
import Glibc

/// One libpq connection, used by one thread at a time.
///
/// Statements are either prepared once per connection under a name, which
/// saves the server a parse and a plan per call, or sent unnamed with their
/// parameters in the same round trip, which is what a pooler in
/// transaction mode needs: it may hand each transaction another server
/// connection, one that never saw the name.
public final class PostgresConnection {
    public enum StatementMode: String, Sendable {
        case named
        case unnamed
    }

    private let handle: OpaquePointer
    private let statementMode: StatementMode
    private var preparedNames: [String: String] = [:]

    /// Connects with a libpq connection string or URL; an empty one leaves
    /// everything to the `PG…` environment variables. With several hosts
    /// and `target_session_attrs=read-write`, libpq tries them in turn.
    public init(_ connectionString: String, statementMode: StatementMode) throws(PostgresError) {
        guard let handle = PQconnectdb(connectionString) else {
            throw PostgresError(sqlState: nil, message: "out of memory", connectionLost: true)
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Self.message(of: handle)
            PQfinish(handle)
            throw PostgresError(sqlState: nil, message: message, connectionLost: true)
        }
        // libpq prints notices (such as "already exists, skipping") to
        // standard error, where they would interleave with the log lines.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        self.handle = handle
        self.statementMode = statementMode
    }

    deinit {
        PQfinish(handle)
    }

    /// False once the server went away or the socket broke.
    public var isUsable: Bool {
        PQstatus(handle) == CONNECTION_OK
    }

    /// Whether an idle connection is still open: the socket is polled
    /// without waiting, and anything the server sent (such as the notice
    /// of its shutdown and the end of the stream) is taken in.
    public func isAlive() -> Bool {
        guard isUsable else { return false }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        if poll(&descriptor, 1, 0) > 0 {
            guard PQconsumeInput(handle) == 1 else { return false }
        }
        return isUsable
    }

    /// Runs SQL without parameters, possibly several statements: schema
    /// changes, `BEGIN`, `COMMIT`.
    public func execute(_ sql: String) throws(PostgresError) {
        _ = try consume(PQexec(handle, sql), sql: sql)
    }

    /// Runs one statement with parameters and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [PostgresValue] = []) throws(PostgresError) -> PostgresRows {
        let types = parameters.map(\.typeOID)
        let encoded = parameters.map(\.encoded)
        let lengths = encoded.map { Int32($0?.count ?? 0) }
        let formats = [Int32](repeating: 1, count: parameters.count)
        let statementName: String?
        switch statementMode {
        case .unnamed:
            statementName = nil
        case .named:
            statementName = try preparedName(for: sql, types: types)
        }
        let result = withParameterPointers(encoded) { values in
            if let statementName {
                PQexecPrepared(handle, statementName, Int32(parameters.count), values, lengths, formats, 1)
            } else {
                PQexecParams(handle, sql, Int32(parameters.count), types, values, lengths, formats, 1)
            }
        }
        return try consume(result, sql: sql)
    }

    /// Runs `body` between BEGIN and COMMIT, rolling back when it throws.
    public func transaction<Result>(_ body: () throws(PostgresError) -> Result) throws(PostgresError) -> Result {
        try execute("BEGIN")
        let result: Result
        do {
            result = try body()
        } catch {
            if isUsable {
                try? execute("ROLLBACK")
            }
            throw error
        }
        try execute("COMMIT")
        return result
    }

    private func preparedName(for sql: String, types: [UInt32]) throws(PostgresError) -> String {
        if let name = preparedNames[sql] { return name }
        let name = "koms_\(preparedNames.count + 1)"
        _ = try consume(PQprepare(handle, name, sql, Int32(types.count), types), sql: sql)
        preparedNames[sql] = name
        return name
    }

    /// Copies the rows out and frees the result, or turns it into an error.
    private func consume(_ result: OpaquePointer?, sql: String) throws(PostgresError) -> PostgresRows {
        guard let result else {
            throw PostgresError(sqlState: nil, message: Self.message(of: handle), sql: sql, connectionLost: !isUsable)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PostgresRows(
                rows: Self.rows(of: result),
                affectedRows: Int(String(cString: PQcmdTuples(result))) ?? 0
            )
        default:
            // The primary message only: the detail line of a unique
            // violation quotes the key, which may be a token hash.
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let message =
                PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
                ?? Self.message(of: handle)
            throw PostgresError(sqlState: state, message: message, sql: sql, connectionLost: !isUsable)
        }
    }

    private static func rows(of result: OpaquePointer) -> [PostgresRow] {
        let columnCount = PQnfields(result)
        return (0..<PQntuples(result)).map { row in
            PostgresRow(
                columns: (0..<columnCount).map { column in
                    guard PQgetisnull(result, row, column) == 0 else { return nil }
                    let length = Int(PQgetlength(result, row, column))
                    return PQgetvalue(result, row, column).withMemoryRebound(to: UInt8.self, capacity: length) {
                        Array(UnsafeBufferPointer(start: $0, count: length))
                    }
                }
            )
        }
    }

    private static func message(of handle: OpaquePointer) -> String {
        String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines
    }
}

/// C pointers to each encoded parameter, valid for the duration of `body`.
/// The values share one buffer, with a spare byte at its end, so that an
/// empty value still gets a pointer: a null pointer would mean SQL NULL.
private func withParameterPointers<Result>(
    _ encoded: [[UInt8]?],
    _ body: ([UnsafePointer<CChar>?]) -> Result
) -> Result {
    let storage = encoded.compactMap { $0 }.joined() + [0]
    return storage.withUnsafeBytes { buffer in
        var offset = 0
        let pointers = encoded.map { value -> UnsafePointer<CChar>? in
            guard let value else { return nil }
            defer { offset += value.count }
            return (buffer.baseAddress! + offset).assumingMemoryBound(to: CChar.self)
        }
        return body(pointers)
    }
}

extension String {
    fileprivate var trimmingTrailingNewlines: String {
        var text = Substring(self)
        while text.last?.isNewline == true { text = text.dropLast() }
        return String(text)
    }
}
