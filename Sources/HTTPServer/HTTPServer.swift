internal import CMicroHTTPD
import Foundation
import Glibc
import Synchronization

/// An HTTP/1.1 server on libmicrohttpd's internal epoll thread pool.
///
/// The server knows nothing of what it serves: it turns each request into an
/// `HTTPRequest`, hands it to the handler, and sends back the `HTTPResponse`
/// the handler gives, now or later.
public final class HTTPServer: Sendable {
    /// The port actually bound, which differs from the configured one when that was 0.
    public let port: UInt16

    private let daemon: DaemonHandle
    private let context: DaemonContext
    private let stopped = Mutex(false)

    public init(configuration: HTTPServerConfiguration, handler: some HTTPHandler) throws(HTTPServerError) {
        let context = DaemonContext(
            handler: handler,
            maximumBodyBytes: configuration.maximumBodyBytes,
            servesTLS: configuration.tls != nil
        )
        let address = try SocketAddress(host: configuration.host, port: configuration.port)

        var flags = MHD_USE_EPOLL_INTERNAL_THREAD.rawValue | MHD_ALLOW_SUSPEND_RESUME.rawValue
        if address.isIPv6 {
            flags |= MHD_USE_IPv6.rawValue
        }

        let contextPointer = Unmanaged.passRetained(context).toOpaque()
        // libmicrohttpd keeps pointers to the PEM text, so the copies live
        // as long as the daemon.
        let tlsText = configuration.tls.map {
            TLSText(certificate: strdup($0.certificatePEM), key: strdup($0.privateKeyPEM))
        }
        let started = address.withSockaddr { sockaddr in
            var settings = CMicroHTTPD_Settings(
                flags: flags,
                address: sockaddr,
                handler: accessHandler,
                handler_context: contextPointer,
                completed: requestCompleted,
                completed_context: contextPointer,
                thread_pool_size: UInt32(max(1, configuration.threadCount)),
                connection_timeout_seconds: UInt32(configuration.connectionTimeoutSeconds),
                connection_limit: UInt32(configuration.connectionLimit),
                per_address_connection_limit: UInt32(configuration.perAddressConnectionLimit),
                connection_memory_limit: configuration.connectionMemoryLimitBytes,
                listen_backlog: 1024,
                tls_certificate: tlsText?.certificate,
                tls_key: tlsText?.key,
                tls_priorities: tlsText?.priorities
            )
            return CMicroHTTPD_start(&settings)
        }
        guard let started else {
            tlsText?.free()
            Unmanaged<DaemonContext>.fromOpaque(contextPointer).release()
            throw .startFailed(host: configuration.host, port: configuration.port)
        }

        self.daemon = DaemonHandle(pointer: started, contextPointer: contextPointer, tlsText: tlsText)
        self.context = context
        self.port = CMicroHTTPD_bound_port(started)
    }

    /// Connections open now; 0 once the server has stopped.
    public var openConnections: Int {
        stopped.withLock { stopped in
            stopped ? 0 : Int(CMicroHTTPD_open_connections(daemon.pointer))
        }
    }

    /// Lets the requests under way finish for up to `gracePeriod`, then
    /// closes every connection and the listening socket.
    ///
    /// Meanwhile every answer carries `Connection: close`, so keep-alive
    /// clients go elsewhere. libmicrohttpd's own way to stop accepting first,
    /// MHD_quiesce_daemon, races with its epoll workers over removing the
    /// listening socket from their epoll sets and aborts the process when
    /// it loses, so it is not used.
    public func shutdown(gracePeriod: Duration = .seconds(10)) {
        let alreadyStopped = stopped.withLock { stopped in
            defer { stopped = true }
            return stopped
        }
        guard !alreadyStopped else { return }

        context.draining.store(true, ordering: .releasing)
        let deadline = ContinuousClock.now + gracePeriod
        while context.requestsInFlight.load(ordering: .acquiring) > 0 && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }

        MHD_stop_daemon(daemon.pointer)
        daemon.tlsText?.free()
        Unmanaged<DaemonContext>.fromOpaque(daemon.contextPointer).release()
    }

    deinit {
        shutdown(gracePeriod: .zero)
    }
}

/// The daemon pointer; libmicrohttpd's daemon functions are thread-safe.
private struct DaemonHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    let contextPointer: UnsafeMutableRawPointer
    let tlsText: TLSText?
}

/// C copies of the certificate and key, freed once the daemon has stopped.
private struct TLSText {
    let certificate: UnsafeMutablePointer<CChar>?
    let key: UnsafeMutablePointer<CChar>?
    let priorities = strdup(TLSCredentials.priorities)

    func free() {
        Glibc.free(certificate)
        Glibc.free(key)
        Glibc.free(priorities)
    }
}

/// What the C callbacks reach through their context pointer.
final class DaemonContext: Sendable {
    let handler: any HTTPHandler
    let maximumBodyBytes: Int
    let requestsInFlight = Atomic<Int>(0)
    /// Set once shutdown begins: answers then close their connections.
    let draining = Atomic<Bool>(false)
    /// Over HTTPS every answer tells browsers to use nothing else.
    let servesTLS: Bool

    init(handler: any HTTPHandler, maximumBodyBytes: Int, servesTLS: Bool) {
        self.handler = handler
        self.maximumBodyBytes = maximumBodyBytes
        self.servesTLS = servesTLS
    }
}
