import Foundation

/// Listening and resource limits of the server.
public struct HTTPServerConfiguration: Sendable {
    public var host: String
    /// 0 lets the system choose; `HTTPServer.port` tells which it chose.
    public var port: UInt16
    /// libmicrohttpd event threads, each with its own epoll loop.
    public var threadCount: Int
    /// Seconds of inactivity after which a connection is closed.
    public var connectionTimeoutSeconds: Int
    public var connectionLimit: Int
    public var perAddressConnectionLimit: Int
    /// libmicrohttpd's memory pool per connection, which bounds the header block.
    public var connectionMemoryLimitBytes: Int
    /// Bodies larger than this are refused without being read.
    public var maximumBodyBytes: Int
    /// Serves HTTPS with these when set, plain HTTP otherwise.
    public var tls: TLSCredentials?

    public init(
        host: String = "127.0.0.1",
        port: UInt16 = 8080,
        threadCount: Int = defaultThreadCount,
        connectionTimeoutSeconds: Int = 30,
        connectionLimit: Int = 1024,
        perAddressConnectionLimit: Int = 32,
        connectionMemoryLimitBytes: Int = 32 * 1024,
        maximumBodyBytes: Int = 16 * 1024,
        tls: TLSCredentials? = nil
    ) {
        self.host = host
        self.port = port
        self.threadCount = threadCount
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
        self.connectionLimit = connectionLimit
        self.perAddressConnectionLimit = perAddressConnectionLimit
        self.connectionMemoryLimitBytes = connectionMemoryLimitBytes
        self.maximumBodyBytes = maximumBodyBytes
        self.tls = tls
    }

    /// One event thread per core.
    public static var defaultThreadCount: Int {
        ProcessInfo.processInfo.activeProcessorCount
    }
}

/// A certificate chain and its private key, as PEM text.
public struct TLSCredentials: Sendable {
    public var certificatePEM: String
    public var privateKeyPEM: String

    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }

    /// TLS 1.2 and 1.3 only, and on TLS 1.2 only suites with forward
    /// secrecy and authenticated encryption: GnuTLS's defaults without
    /// static RSA key exchange and without CBC, whose suites still offer SHA-1.
    static let priorities =
        "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-RSA:-AES-128-CBC:-AES-256-CBC:-CAMELLIA-128-CBC:-CAMELLIA-256-CBC:-SHA1"
}
