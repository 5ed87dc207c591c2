/// A failed libpq call: PostgreSQL's SQLSTATE when the server sent one, its
/// message, and the statement. Parameters are never part of it, since they
/// include token hashes and password hashes.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    /// Five characters (https://www.postgresql.org/docs/current/errcodes-appendix.html),
    /// or nil when the failure happened on the client side or on the wire.
    public let sqlState: String?
    public let message: String
    public let sql: String?
    /// The connection is gone; the pool replaces it before its next use.
    public let connectionLost: Bool

    public init(sqlState: String?, message: String, sql: String? = nil, connectionLost: Bool = false) {
        self.sqlState = sqlState
        self.message = message
        self.sql = sql
        self.connectionLost = connectionLost
    }

    public var description: String {
        let state = sqlState.map { " \($0)" } ?? ""
        let statement = sql.map { " in \"\($0)\"" } ?? ""
        return "PostgreSQL error\(state): \(message)\(statement)"
    }

    public var isUniqueViolation: Bool { sqlState == "23505" }

    /// Conditions that pass once the database is back or has a primary
    /// again: lost or refused connections (class 08), shutdown and startup
    /// (57P01–57P03), a standby during a failover (25006), contention
    /// (40001, 40P01, 55P03), a statement over its time limit (57014) and
    /// exhausted resources (class 53).
    public var isTransient: Bool {
        if connectionLost { return true }
        guard let sqlState else { return false }
        if sqlState.hasPrefix("08") || sqlState.hasPrefix("53") { return true }
        return ["57P01", "57P02", "57P03", "57014", "25006", "40001", "40P01", "55P03"].contains(sqlState)
    }
}
