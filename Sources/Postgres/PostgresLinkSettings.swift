internal import CPostgres
import Glibc

/// Where libpq would connect for a connection string, and how strictly it
/// would check the server's certificate, known before connecting: each
/// setting comes from the string, else from its `PG…` environment variable,
/// else from libpq's built-in default.
///
/// A service file (`service=`, `PGSERVICE`) is not read, so its settings
/// are unknown here; `namesService` says that one is in play.
public struct PostgresLinkSettings: Equatable, Sendable {
    /// The `host` entries: names, IP addresses, or socket directories.
    /// Empty means libpq's default socket directory.
    public var hosts: [String]
    /// The `hostaddr` entries, which libpq connects to instead of resolving `hosts`.
    public var hostAddresses: [String]
    /// `disable`, `allow`, `prefer` (libpq's default), `require`, `verify-ca` or `verify-full`.
    public var sslMode: String
    public var namesService: Bool

    public init(hosts: [String], hostAddresses: [String], sslMode: String, namesService: Bool) {
        self.hosts = hosts
        self.hostAddresses = hostAddresses
        self.sslMode = sslMode
        self.namesService = namesService
    }

    /// Reads the settings as libpq would; throws for a string libpq cannot parse.
    public init(connectionString: String) throws(PostgresError) {
        var parseError: UnsafeMutablePointer<CChar>?
        guard let given = PQconninfoParse(connectionString, &parseError) else {
            let message = parseError.map { String(cString: $0) } ?? "out of memory"
            PQfreemem(parseError)
            throw PostgresError(sqlState: nil, message: "unreadable connection string: \(message)")
        }
        defer { PQconninfoFree(given) }
        let defaults = PQconndefaults()
        defer { PQconninfoFree(defaults) }

        func setting(_ keyword: String) -> String? {
            Self.value(of: keyword, in: given) ?? defaults.flatMap { Self.value(of: keyword, in: $0) }
        }
        func entries(_ keyword: String) -> [String] {
            (setting(keyword) ?? "").split(separator: ",", omittingEmptySubsequences: true).map(String.init)
        }
        self.init(
            hosts: entries("host"),
            hostAddresses: entries("hostaddr"),
            sslMode: setting("sslmode") ?? "prefer",
            namesService: setting("service") != nil
        )
    }

    /// The non-empty value of `keyword` in a libpq option array, which ends
    /// with an entry whose keyword is null.
    private static func value(of keyword: String, in options: UnsafeMutablePointer<PQconninfoOption>) -> String? {
        var option = options
        while let name = option.pointee.keyword {
            if String(cString: name) == keyword {
                guard let value = option.pointee.val, value.pointee != 0 else { return nil }
                return String(cString: value)
            }
            option += 1
        }
        return nil
    }
}
