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
            if !settings.acceptsUnverifiedPostgres {
                let link: PostgresLinkSettings
                do {
                    link = try PostgresLinkSettings(connectionString: url)
                } catch {
                    throw .failure(error.message)
                }
                if let refusal = DatabaseLinkPolicy.refusal(for: link) {
                    throw .failure(refusal + ", or pass \(Self.acceptUnverifiedSpec.flag) to take the risk")
                }
            }
            let store = try PostgresSessionStore(
                connectionString: url,
                connections: settings.connections,
                statementMode: settings.postgresStatements
            )
            return OpenStore(store: store, loginFailureLedger: store, close: store.close)
        }
    }

    /// Every command that opens a store offers it, so that an operator who
    /// accepts an unverified link to a remote PostgreSQL says so once, in
    /// `KOMS_POSTGRES_ACCEPT_UNVERIFIED`, for all of them.
    static let acceptUnverifiedSpec = OptionSpec(
        flag: "--postgres-accept-unverified",
        help: "reach a remote PostgreSQL without sslmode=verify-full (its certificate unchecked)",
        defaultValue: nil,
        isSwitch: true
    )

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
    var acceptsUnverifiedPostgres = false
}

/// An opened store, with what only some kinds of store offer.
struct OpenStore: Sendable {
    let store: any StoreTransfer
    /// Set when several instances share the store and must count failed logins together.
    let loginFailureLedger: (any LoginFailureLedger)?
    let close: @Sendable () -> Void
}
