import Dispatch
import Foundation
import HTTPServer
import KomsAPI
import Log
import SessionCore
import Sodium

/// `koms serve`: opens the store, starts the HTTP server, and runs until
/// SIGINT or SIGTERM.
enum ServeCommand {
    static func run(_ options: ServeOptions) -> Never {
        if options.logsJSON {
            StandardErrorSink.shared.writeJSONLines()
        }
        let logger = Logger(label: "koms", level: options.logLevel)

        let opened: OpenStore
        let service: SessionService
        do {
            opened = try options.database.open(options.store)
            service = try SessionService(
                store: opened.store,
                clock: SystemClock(),
                configuration: options.session,
                hasher: PasswordHasher(parameters: options.argon2),
                loginFailureLedger: opened.loginFailureLedger
            )
            try registerFirstClient(store: opened.store, logger: logger)
        } catch {
            logger.error(
                "cannot open the database",
                [("database", .text(options.database.logDescription)), ("error", "\(error)")]
            )
            exit(1)
        }

        let pool = HashingPool(workers: options.hashWorkers, queueCapacity: options.hashQueue)
        let metrics = APIMetrics()
        let server: HTTPServer
        let metricsServer: HTTPServer?
        do {
            server = try HTTPServer(
                configuration: options.http,
                handler: KomsHandler(
                    service: service,
                    hashingPool: pool,
                    addressLimits: AddressLimits(
                        logIn: options.logInLimit,
                        signUp: options.signUpLimit,
                        trustedProxies: options.trustedProxies,
                        capacity: options.throttleCapacity,
                        clock: SystemClock()
                    ),
                    metrics: metrics,
                    servesMetrics: options.metrics == nil,
                    logger: logger
                )
            )
            metricsServer = try options.metrics.map { configuration throws(HTTPServerError) in
                try HTTPServer(
                    configuration: configuration,
                    handler: MetricsHandler(service: service, hashingPool: pool, metrics: metrics)
                )
            }
        } catch {
            logger.error("cannot start the HTTP server", [("error", "\(error)")])
            exit(1)
        }
        metrics.countOpenConnections { server.openConnections }

        logger.notice(
            "listening",
            [
                ("address", "\(options.http.tls == nil ? "http" : "https")://\(options.http.host):\(server.port)"),
                ("database", .text(options.database.logDescription)),
                ("threads", .integer(options.http.threadCount)), ("hash_workers", .integer(options.hashWorkers)),
            ]
        )
        if let metricsServer, let configuration = options.metrics {
            logger.notice(
                "metrics listening",
                [("address", "http://\(configuration.host):\(metricsServer.port)/metrics")]
            )
        }
        if options.http.tls == nil && !isLoopback(options.http.host) {
            logger.warning(
                "serving plain HTTP on a non-loopback address; put TLS in front",
                [("host", .text(options.http.host))]
            )
        }

        let sweep = SweepSchedule(service: service, intervalSeconds: options.sweepIntervalSeconds, logger: logger)

        Signals.onTermination { signal in
            logger.notice("stopping", [("signal", .text(signal))])
            sweep.cancel()
            // Draining the pool first answers every queued login while the
            // daemon can still resume their connections; pending writes are
            // answered as their commits land, within the grace period.
            pool.shutdown()
            server.shutdown(gracePeriod: .seconds(10))
            metricsServer?.shutdown(gracePeriod: .seconds(1))
            opened.close()
            logger.notice("stopped")
            StandardErrorSink.shared.flush()
            exit(0)
        }
        dispatchMain()
    }

    /// A newcomer can call the API at once: the first start registers a client and says its id.
    private static func registerFirstClient(store: any SessionStore, logger: Logger) throws {
        let registry = ClientRegistry(store: store, clock: SystemClock())
        guard try registry.list().isEmpty else { return }
        let client = try registry.register(name: "default")
        logger.notice(
            "registered a first client application",
            [("client_id", .text(client.id)), ("name", .text(client.name))]
        )
    }

    private static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
