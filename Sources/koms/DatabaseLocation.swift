import Postgres
import PostgresStore
import SQLiteStore
import SessionCore

/// Where `--database` points: a SQLite file, or a PostgreSQL server given
/// by a `postgres://` or `postgresql://` URL. `postgresql://` alone leaves
/// everything to libpq's `PG…` environment variables.
enum DatabaseLocation {
    case sqlite(path: String)
    case postgres(url: String)

    init(_ value: String) {
        if value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") {
            self = .postgres(url: value)
        } else {
            self = .sqlite(path: value)
        }
    }

    /// What logs may show: the URL without its password.
    var logDescription: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): Self.withoutPassword(url)
        }
    }

    /// Opens and migrates the store.
    func open(_ settings: StoreSettings) throws(StoreError) -> OpenStore {
        switch self {
        case .sqlite(let path):
            let store = try SQLiteSessionStore(
                path: path,
                connections: settings.connections,
                busyTimeoutMilliseconds: settings.busyTimeoutMilliseconds,
                synchronous: settings.synchronous
            )
            return OpenStore(store: store, loginFailureLedger: nil, close: store.close)
        case .postgres(let url):
            let store = try PostgresSessionStore(
                connectionString: url,
                connections: settings.connections,
                statementMode: settings.postgresStatements
            )
            return OpenStore(store: store, loginFailureLedger: store, close: store.close)
        }
    }

    /// Drops the password from the user part and from a `password=` parameter.
    static func withoutPassword(_ url: String) -> String {
        var text = Substring(url)
        if let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@"),
            let colon = text[scheme.upperBound..<at].firstIndex(of: ":")
        {
            text = text[..<colon] + text[at...]
        }
        return String(text).replacing(/([?&]password=)[^&]*/) { "\($0.1)***" }
    }
}

/// How to open a store, from the command line.
struct StoreSettings {
    var connections: Int
    var busyTimeoutMilliseconds: Int32 = 5000
    var synchronous: Synchronous = .full
    var postgresStatements: PostgresConnection.StatementMode = .named
}

/// An opened store, with what only some kinds of store offer.
struct OpenStore: Sendable {
    let store: any StoreTransfer
    /// Set when several instances share the store and must count failed logins together.
    let loginFailureLedger: (any LoginFailureLedger)?
    let close: @Sendable () -> Void
}
