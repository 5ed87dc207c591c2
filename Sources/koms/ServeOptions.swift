import Foundation
import HTTPServer
import Log
import SessionCore
import Sodium

/// The settings of `koms serve`.
struct ServeOptions {
    static let specs: [OptionSpec] = [
        OptionSpec(flag: "--host", help: "address to listen on", defaultValue: "127.0.0.1"),
        OptionSpec(flag: "--port", help: "TCP port (0 picks a free one)", defaultValue: "8080"),
        databaseSpec,
        OptionSpec(flag: "--access-ttl", help: "access token lifetime, seconds", defaultValue: "3600"),
        OptionSpec(flag: "--refresh-ttl", help: "refresh deadline after login, seconds", defaultValue: "2592000"),
        OptionSpec(flag: "--refresh-grace", help: "seconds a refresh may be repeated", defaultValue: "10"),
        OptionSpec(flag: "--argon2-iterations", help: "argon2id passes (t)", defaultValue: "2"),
        OptionSpec(flag: "--argon2-memory-kib", help: "argon2id memory (m), KiB", defaultValue: "65536"),
        OptionSpec(flag: "--threads", help: "HTTP event threads", defaultValue: String(coreCount)),
        OptionSpec(flag: "--hash-workers", help: "password-hashing threads", defaultValue: String(coreCount)),
        OptionSpec(flag: "--hash-queue", help: "logins that may wait for a hashing thread", defaultValue: "64"),
        OptionSpec(flag: "--max-body-bytes", help: "largest request body accepted", defaultValue: "16384"),
        OptionSpec(flag: "--connection-timeout", help: "idle seconds before a connection closes", defaultValue: "30"),
        OptionSpec(flag: "--log-level", help: "trace, debug, info, notice, warning or error", defaultValue: "info"),
    ]

    static let databaseSpec = OptionSpec(
        flag: "--database",
        help: "SQLite database file",
        defaultValue: "./koms.sqlite"
    )

    static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    var http: HTTPServerConfiguration
    var session: SessionConfiguration
    var argon2: Argon2idParameters
    var databasePath: String
    var hashWorkers: Int
    var hashQueue: Int
    var logLevel: Logger.Level

    init(_ options: ParsedOptions) throws(UsageError) {
        let threads = try options.requiredInteger("--threads", in: 1...256)
        http = HTTPServerConfiguration(
            host: options.string("--host") ?? "127.0.0.1",
            port: UInt16(try options.requiredInteger("--port", in: 0...65535)),
            threadCount: threads,
            connectionTimeoutSeconds: try options.requiredInteger("--connection-timeout", in: 1...3600),
            maximumBodyBytes: try options.requiredInteger("--max-body-bytes", in: 256...(16 << 20))
        )
        session = SessionConfiguration(
            accessTokenLifetimeSeconds: try options.requiredInteger("--access-ttl", in: 1...Int(UInt32.max)),
            refreshTokenLifetimeSeconds: try options.requiredInteger("--refresh-ttl", in: 1...(10 * 365 * 86400)),
            refreshGracePeriodSeconds: try options.requiredInteger("--refresh-grace", in: 0...300)
        )
        argon2 = Argon2idParameters(
            iterations: try options.requiredInteger("--argon2-iterations", in: 1...100),
            memoryBytes: try options.requiredInteger("--argon2-memory-kib", in: 8...(4 << 20)) * 1024
        )
        do {
            try argon2.validate()
        } catch {
            throw UsageError(description: "argon2 parameters refused: \(error)")
        }
        databasePath = options.string("--database") ?? "./koms.sqlite"
        hashWorkers = try options.requiredInteger("--hash-workers", in: 1...256)
        hashQueue = try options.requiredInteger("--hash-queue", in: 0...100_000)
        guard let level = Logger.Level(name: options.string("--log-level") ?? "info") else {
            throw UsageError(description: "--log-level must be one of trace, debug, info, notice, warning, error")
        }
        logLevel = level
    }
}
