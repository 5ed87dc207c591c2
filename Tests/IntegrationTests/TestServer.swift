import Foundation
import HTTPServer
import KomsAPI
import KomsTestSupport
import Log
import SQLiteStore
import SessionCore
import Sodium

/// A real koms HTTP server on a loopback port, over a fresh SQLite file,
/// with a clock the test moves. When it goes, its log is searched for every
/// password and token its API clients sent or were given: none may appear,
/// in any test.
final class TestServer {
    static let clientHeader = "x-koms-clientid"

    let clock = ManualClock()
    let logs = MemoryLogSink()
    let secrets = SecretLedger()
    let directory: URL
    let store: SQLiteSessionStore
    let service: SessionService
    let registry: ClientRegistry
    let pool: HashingPool
    let server: HTTPServer
    /// The client application registered at start.
    let clientID: String

    init(
        configuration: SessionConfiguration = SessionConfiguration(),
        hashWorkers: Int = 2,
        hashQueue: Int = 64,
        argon2: Argon2idParameters = TestServer.fastArgon2,
        logInLimit: RateLimit = .unlimited,
        signUpLimit: RateLimit = .unlimited,
        trustedProxies: [IPNetwork] = [],
        tls: TLSCredentials? = nil,
        busyTimeoutMilliseconds: Int32 = 5000,
        directory: URL = FileManager.default.temporaryDirectory.appendingPathComponent("koms-test-\(UUID().uuidString)")
    ) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

        store = try SQLiteSessionStore(
            path: directory.appendingPathComponent("koms.sqlite").path,
            connections: 6,
            busyTimeoutMilliseconds: busyTimeoutMilliseconds
        )
        service = try SessionService(
            store: store,
            clock: clock,
            configuration: configuration,
            hasher: PasswordHasher(parameters: argon2)
        )
        registry = ClientRegistry(store: store, clock: clock)
        clientID = try registry.register(name: "test app").id
        pool = HashingPool(workers: hashWorkers, queueCapacity: hashQueue)

        let logger = Logger(label: "koms", level: .debug, sink: logs)
        server = try HTTPServer(
            configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, threadCount: 2, tls: tls),
            handler: KomsHandler(
                service: service,
                hashingPool: pool,
                addressLimits: AddressLimits(
                    logIn: logInLimit,
                    signUp: signUpLimit,
                    trustedProxies: trustedProxies,
                    clock: clock
                ),
                logger: logger
            )
        )
    }

    deinit {
        pool.shutdown()
        server.shutdown(gracePeriod: .seconds(5))
        store.close()
        secrets.expectAbsent(from: logs.lines)
        try? FileManager.default.removeItem(at: directory)
    }

    var databasePath: String {
        directory.appendingPathComponent("koms.sqlite").path
    }

    /// Cheap argon2id so that tests spend their time on the rules, not the hash.
    static let fastArgon2 = Argon2idParameters(iterations: 1, memoryBytes: 8 * 1024 * 1024)

    func connect(from sourceAddress: String? = nil) throws -> HTTPTestClient {
        try HTTPTestClient(host: "127.0.0.1", port: server.port, sourceAddress: sourceAddress)
    }
}
