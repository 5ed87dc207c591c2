import Dispatch
import HTTPServer
import Metrics
import SessionCore

/// `GET /metrics`: the API's counters, the hashing queue, live sessions
/// and the process, in Prometheus's text format.
enum MetricsPage {
    /// Renders the page off the event thread, since counting live sessions
    /// reads an index, and hands it to `respond`.
    static func answer(
        service: SessionService,
        metrics: APIMetrics,
        hashingPool: HashingPool,
        with respond: @escaping @Sendable (HTTPResponse) -> Void
    ) {
        DispatchQueue.global().async {
            let liveSessions = try? service.liveSessionCount()
            respond(render(metrics: metrics, hashingPool: hashingPool, liveSessions: liveSessions))
        }
    }

    static func render(metrics: APIMetrics, hashingPool: HashingPool, liveSessions: Int?) -> HTTPResponse {
        var page = Exposition()
        let requests = metrics.requests.snapshot()

        page.family("koms_http_requests_total", .counter, help: "HTTP requests answered, by route, method and status.")
        for (key, count) in requests.counts.sorted(by: {
            ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status)
        }) {
            page.sample(
                "koms_http_requests_total",
                [("route", key.route), ("method", key.method), ("status", String(key.status))],
                Double(count)
            )
        }
        page.family(
            "koms_http_request_duration_seconds",
            .histogram,
            help: "Time from reading a request to answering it, by route."
        )
        for (route, histogram) in requests.latencies.sorted(by: { $0.key < $1.key }) {
            page.histogram("koms_http_request_duration_seconds", [("route", route)], histogram)
        }

        let queue = hashingPool.queueSnapshot
        page.family("koms_hashing_queue_length", .gauge, help: "Logins and sign-ups waiting for a hashing thread.")
        page.sample("koms_hashing_queue_length", [], Double(queue.waiting))
        page.family(
            "koms_hashing_wait_seconds",
            .histogram,
            help: "Time logins and sign-ups waited for a hashing thread."
        )
        page.histogram("koms_hashing_wait_seconds", [], queue.waits)

        page.family("koms_failed_logins_total", .counter, help: "Logins refused for a wrong email or password.")
        page.sample("koms_failed_logins_total", [], Double(metrics.failedLogins.load(ordering: .relaxed)))
        page.family("koms_throttled_requests_total", .counter, help: "Requests refused with 429, by what was limited.")
        page.sample(
            "koms_throttled_requests_total",
            [("limit", "email")],
            Double(metrics.throttledByEmail.load(ordering: .relaxed))
        )
        page.sample(
            "koms_throttled_requests_total",
            [("limit", "address")],
            Double(metrics.throttledByAddress.load(ordering: .relaxed))
        )
        page.family("koms_database_errors_total", .counter, help: "Requests the database could not serve.")
        page.sample("koms_database_errors_total", [], Double(metrics.databaseErrors.load(ordering: .relaxed)))
        if let liveSessions {
            page.family("koms_live_sessions", .gauge, help: "Sessions whose refresh deadline has not passed.")
            page.sample("koms_live_sessions", [], Double(liveSessions))
        }
        page.family("koms_http_open_connections", .gauge, help: "HTTP connections open now.")
        page.sample("koms_http_open_connections", [], Double(metrics.openConnections))

        ProcessMetrics.write(to: &page)
        return HTTPResponse(
            status: 200,
            headers: [("Content-Type", Exposition.contentType)] + StandardHeaders.all,
            body: Array(page.text.utf8)
        )
    }
}
