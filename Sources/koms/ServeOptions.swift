import Foundation
import HTTPServer
import KomsAPI
import Log
import Postgres
import SQLiteStore
import SessionCore
import Sodium

/// The settings of `koms serve`.
struct ServeOptions {
    static let specs: [OptionSpec] = [
        OptionSpec(flag: "--host", help: "address to listen on", defaultValue: "127.0.0.1"),
        OptionSpec(flag: "--port", help: "TCP port (0 picks a free one)", defaultValue: "8080"),
        databaseSpec,
        DatabaseLocation.acceptUnverifiedSpec,
        OptionSpec(
            flag: "--database-connections",
            help: "most connections to the database at once (default: threads + hash workers + 1)",
            defaultValue: nil
        ),
        OptionSpec(
            flag: "--postgres-statements",
            help: "named: prepared once per connection; unnamed: for a pooler in transaction mode",
            defaultValue: "named"
        ),
        OptionSpec(
            flag: "--busy-timeout",
            help: "milliseconds a write waits for the database lock before 503",
            defaultValue: "5000"
        ),
        OptionSpec(
            flag: "--synchronous",
            help: "full: every commit is synced (survives power loss); normal: faster, the last commits may be lost",
            defaultValue: "full"
        ),
        OptionSpec(flag: "--sweep-interval", help: "seconds between sweeps of dead sessions", defaultValue: "300"),
        OptionSpec(
            flag: "--sweep-retention",
            help: "seconds the sweep keeps expired sessions",
            defaultValue: "604800"
        ),
        OptionSpec(flag: "--access-ttl", help: "access token lifetime, seconds", defaultValue: "3600"),
        OptionSpec(flag: "--refresh-ttl", help: "refresh deadline after login, seconds", defaultValue: "2592000"),
        OptionSpec(flag: "--refresh-grace", help: "seconds a refresh may be repeated", defaultValue: "10"),
        OptionSpec(flag: "--idle-ttl", help: "seconds a session may go without a refresh", defaultValue: "604800"),
        OptionSpec(
            flag: "--max-sessions-per-user",
            help: "sessions one user may have; a login beyond ends the oldest",
            defaultValue: "50"
        ),
        OptionSpec(flag: "--argon2-iterations", help: "argon2id passes (t)", defaultValue: "2"),
        OptionSpec(flag: "--argon2-memory-kib", help: "argon2id memory (m), KiB", defaultValue: "65536"),
        OptionSpec(
            flag: "--threads",
            help: "HTTP event threads (default: one a core, four a core on PostgreSQL)",
            defaultValue: nil
        ),
        OptionSpec(flag: "--hash-workers", help: "password-hashing threads", defaultValue: String(coreCount)),
        OptionSpec(flag: "--hash-queue", help: "logins that may wait for a hashing thread", defaultValue: "64"),
        OptionSpec(flag: "--max-body-bytes", help: "largest request body accepted", defaultValue: "16384"),
        OptionSpec(flag: "--connection-timeout", help: "idle seconds before a connection closes", defaultValue: "30"),
        OptionSpec(flag: "--max-connections", help: "open connections in all", defaultValue: "1024"),
        OptionSpec(
            flag: "--max-connections-per-address",
            help: "open connections per client address",
            defaultValue: "32"
        ),
        OptionSpec(
            flag: "--connection-memory-bytes",
            help: "memory per connection, which bounds the request head",
            defaultValue: "32768"
        ),
        OptionSpec(
            flag: "--login-rate-per-minute",
            help: "POST /session per address (0: no limit)",
            defaultValue: String(AddressLimits.defaultLogIn.perMinute)
        ),
        OptionSpec(
            flag: "--login-burst",
            help: "POST /session burst per address",
            defaultValue: String(AddressLimits.defaultLogIn.burst)
        ),
        OptionSpec(
            flag: "--signup-rate-per-minute",
            help: "POST /user per address (0: no limit)",
            defaultValue: String(AddressLimits.defaultSignUp.perMinute)
        ),
        OptionSpec(
            flag: "--signup-burst",
            help: "POST /user burst per address",
            defaultValue: String(AddressLimits.defaultSignUp.burst)
        ),
        OptionSpec(
            flag: "--login-free-failures",
            help: "failed logins per email before delays",
            defaultValue: String(LoginThrottlePolicy().freeFailures)
        ),
        OptionSpec(
            flag: "--login-max-delay",
            help: "longest delay after failed logins, seconds",
            defaultValue: String(LoginThrottlePolicy().maximumDelaySeconds)
        ),
        OptionSpec(
            flag: "--throttle-capacity",
            help: "emails and addresses tracked at most",
            defaultValue: String(LoginThrottlePolicy().capacity)
        ),
        OptionSpec(
            flag: "--trusted-proxy",
            help: "comma-separated proxies whose X-Forwarded-For is believed",
            defaultValue: nil
        ),
        OptionSpec(
            flag: "--metrics-address",
            help: "HOST:PORT for GET /metrics alone (port 0 picks one); unset, the API's listener serves it",
            defaultValue: nil
        ),
        OptionSpec(flag: "--tls-cert", help: "PEM certificate chain; serves HTTPS with --tls-key", defaultValue: nil),
        OptionSpec(flag: "--tls-key", help: "PEM private key of --tls-cert", defaultValue: nil),
        OptionSpec(flag: "--log-level", help: "trace, debug, info, notice, warning or error", defaultValue: "info"),
        OptionSpec(flag: "--log-format", help: "text (key=value) or json (one object a line)", defaultValue: "text"),
    ]

    static let databaseSpec = OptionSpec(
        flag: "--database",
        help: "SQLite database file, or a postgres:// or postgresql:// URL",
        defaultValue: "./koms.sqlite"
    )

    static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    var http: HTTPServerConfiguration
    var session: SessionConfiguration
    var argon2: Argon2idParameters
    var database: DatabaseLocation
    var store: StoreSettings
    var sweepIntervalSeconds: Int
    var hashWorkers: Int
    var hashQueue: Int
    var logLevel: Logger.Level
    var logsJSON: Bool
    var logInLimit: RateLimit
    var signUpLimit: RateLimit
    var trustedProxies: [IPNetwork]
    var throttleCapacity: Int
    /// A listener of its own for `GET /metrics`; nil serves it with the API.
    var metrics: HTTPServerConfiguration?

    init(_ options: ParsedOptions) throws(UsageError) {
        database = DatabaseLocation(options.string("--database") ?? "./koms.sqlite")
        // A token check on PostgreSQL waits on its event thread for a round
        // trip; more threads keep more checks at the database at once. On
        // SQLite a check is served from memory and a thread a core is best.
        let threadsPerCore = if case .postgres = database { 4 } else { 1 }
        let threads = try options.integer("--threads", in: 1...256) ?? min(256, threadsPerCore * Self.coreCount)
        http = HTTPServerConfiguration(
            host: options.string("--host") ?? "127.0.0.1",
            port: UInt16(try options.requiredInteger("--port", in: 0...65535)),
            threadCount: threads,
            connectionTimeoutSeconds: try options.requiredInteger("--connection-timeout", in: 1...3600),
            connectionLimit: try options.requiredInteger("--max-connections", in: 1...1_000_000),
            perAddressConnectionLimit: try options.requiredInteger("--max-connections-per-address", in: 1...1_000_000),
            connectionMemoryLimitBytes: try options.requiredInteger("--connection-memory-bytes", in: 4096...(16 << 20)),
            maximumBodyBytes: try options.requiredInteger("--max-body-bytes", in: 256...(16 << 20)),
            tls: try Self.tlsCredentials(certificate: options.string("--tls-cert"), key: options.string("--tls-key"))
        )
        throttleCapacity = try options.requiredInteger("--throttle-capacity", in: 16...100_000_000)
        metrics = try options.string("--metrics-address").map { address throws(UsageError) in
            guard let colon = address.lastIndex(of: ":"), let port = UInt16(address[address.index(after: colon)...])
            else {
                throw UsageError(description: "--metrics-address must be HOST:PORT, such as 127.0.0.1:9090")
            }
            let host = address[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            return HTTPServerConfiguration(host: host, port: port, threadCount: 1)
        }
        logInLimit = RateLimit(
            perMinute: try options.requiredInteger("--login-rate-per-minute", in: 0...1_000_000),
            burst: try options.requiredInteger("--login-burst", in: 1...1_000_000)
        )
        signUpLimit = RateLimit(
            perMinute: try options.requiredInteger("--signup-rate-per-minute", in: 0...1_000_000),
            burst: try options.requiredInteger("--signup-burst", in: 1...1_000_000)
        )
        trustedProxies = try Self.networks(options.string("--trusted-proxy"))
        let loginThrottle = LoginThrottlePolicy(
            freeFailures: try options.requiredInteger("--login-free-failures", in: 1...100),
            maximumDelaySeconds: try options.requiredInteger("--login-max-delay", in: 1...86400),
            capacity: throttleCapacity
        )
        session = SessionConfiguration(
            accessTokenLifetimeSeconds: try options.requiredInteger("--access-ttl", in: 1...Int(UInt32.max)),
            refreshTokenLifetimeSeconds: try options.requiredInteger("--refresh-ttl", in: 1...(10 * 365 * 86400)),
            refreshGracePeriodSeconds: try options.requiredInteger("--refresh-grace", in: 0...300),
            loginThrottle: loginThrottle,
            sweepRetentionSeconds: try options.requiredInteger("--sweep-retention", in: 0...(10 * 365 * 86400)),
            maximumSessionsPerUser: try options.requiredInteger("--max-sessions-per-user", in: 1...100_000),
            idleTimeoutSeconds: try options.requiredInteger("--idle-ttl", in: 1...(10 * 365 * 86400))
        )
        sweepIntervalSeconds = try options.requiredInteger("--sweep-interval", in: 1...86400)
        argon2 = Argon2idParameters(
            iterations: try options.requiredInteger("--argon2-iterations", in: 1...100),
            memoryBytes: try options.requiredInteger("--argon2-memory-kib", in: 8...(4 << 20)) * 1024
        )
        do {
            try argon2.validate()
        } catch {
            throw UsageError(description: "argon2 parameters refused: \(error)")
        }
        hashWorkers = try options.requiredInteger("--hash-workers", in: 1...256)
        guard let synchronous = Synchronous(rawValue: options.string("--synchronous") ?? "full") else {
            throw UsageError(description: "--synchronous must be full or normal")
        }
        guard let statements = PostgresConnection.StatementMode(rawValue: options.string("--postgres-statements") ?? "")
        else {
            throw UsageError(description: "--postgres-statements must be named or unnamed")
        }
        store = StoreSettings(
            connections: try options.integer("--database-connections", in: 1...10_000) ?? threads + hashWorkers + 1,
            busyTimeoutMilliseconds: Int32(try options.requiredInteger("--busy-timeout", in: 1...600_000)),
            synchronous: synchronous,
            postgresStatements: statements,
            acceptsUnverifiedPostgres: options.isOn(DatabaseLocation.acceptUnverifiedSpec.flag)
        )
        hashQueue = try options.requiredInteger("--hash-queue", in: 0...100_000)
        guard let level = Logger.Level(name: options.string("--log-level") ?? "info") else {
            throw UsageError(description: "--log-level must be one of trace, debug, info, notice, warning, error")
        }
        logLevel = level
        switch options.string("--log-format") ?? "text" {
        case "text": logsJSON = false
        case "json": logsJSON = true
        default: throw UsageError(description: "--log-format must be text or json")
        }
    }

    /// Both files or neither; read now, so that a wrong path stops the start.
    private static func tlsCredentials(certificate: String?, key: String?) throws(UsageError) -> TLSCredentials? {
        switch (certificate, key) {
        case (nil, nil):
            return nil
        case (let certificate?, let key?):
            guard let certificatePEM = try? String(contentsOfFile: certificate, encoding: .utf8) else {
                throw UsageError(description: "cannot read --tls-cert \(certificate)")
            }
            guard let keyPEM = try? String(contentsOfFile: key, encoding: .utf8) else {
                throw UsageError(description: "cannot read --tls-key \(key)")
            }
            return TLSCredentials(certificatePEM: certificatePEM, privateKeyPEM: keyPEM)
        default:
            throw UsageError(description: "--tls-cert and --tls-key go together")
        }
    }

    private static func networks(_ list: String?) throws(UsageError) -> [IPNetwork] {
        var networks: [IPNetwork] = []
        for entry in (list ?? "").split(separator: ",") {
            guard let network = IPNetwork(entry.filter { $0 != " " }) else {
                throw UsageError(description: "--trusted-proxy: \(entry) is not an address or CIDR range")
            }
            networks.append(network)
        }
        return networks
    }
}
