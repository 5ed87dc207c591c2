import Metrics
import Synchronization

/// What the API counts for `GET /metrics`: every request, and the events an
/// operator watches for (failed logins, throttling, database trouble).
public final class APIMetrics: Sendable {
    let requests = RequestMetrics()
    let failedLogins = Atomic<UInt64>(0)
    let throttledByEmail = Atomic<UInt64>(0)
    let throttledByAddress = Atomic<UInt64>(0)
    let databaseErrors = Atomic<UInt64>(0)
    private let openConnectionsSource = Mutex<(@Sendable () -> Int)?>(nil)

    public init() {}

    /// Where the count of open connections comes from: the HTTP server,
    /// which is made after the handler that counts.
    public func countOpenConnections(with source: @escaping @Sendable () -> Int) {
        openConnectionsSource.withLock { $0 = source }
    }

    var openConnections: Int {
        openConnectionsSource.withLock { $0 }?() ?? 0
    }

    /// Counts one answered request, and the event its problem code names.
    func record(route: String, method: String, status: Int, seconds: Double, problemCode: String?) {
        requests.record(route: route, method: Self.methodLabel(method), status: status, seconds: seconds)
        switch problemCode {
        case "invalid_credentials": failedLogins.add(1, ordering: .relaxed)
        case "too_many_attempts": throttledByEmail.add(1, ordering: .relaxed)
        case "too_many_requests": throttledByAddress.add(1, ordering: .relaxed)
        default: break
        }
    }

    /// The methods the API knows, or `other`: a label must not take any
    /// value a client sends, or the series would grow without bound.
    static func methodLabel(_ method: String) -> String {
        switch method {
        case "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH": method
        default: "other"
        }
    }
}
