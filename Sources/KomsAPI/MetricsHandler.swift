import Dispatch
import HTTPServer
import Metrics
import SessionCore

/// The listener of `--metrics-address`: `GET /metrics` and nothing else, so
/// that the metrics can stay on a private address while the API is public.
public final class MetricsHandler: HTTPHandler {
    private let service: SessionService
    private let hashingPool: HashingPool
    private let metrics: APIMetrics

    public init(service: SessionService, hashingPool: HashingPool, metrics: APIMetrics) {
        self.service = service
        self.hashingPool = hashingPool
        self.metrics = metrics
    }

    public func handle(_ request: HTTPRequest, responder: HTTPResponder) {
        guard request.path == "/metrics" else {
            return responder.respond(Problem(status: 404, code: "not_found", detail: "no such resource").response)
        }
        guard request.method == "GET" else {
            var problem = Problem(status: 405, code: "method_not_allowed", detail: "method not allowed here")
            problem.headers.append(("Allow", "GET"))
            return responder.respond(problem.response)
        }
        DispatchQueue.global().async { [service, hashingPool, metrics] in
            let liveSessions = try? service.liveSessionCount()
            responder.respond(
                MetricsPage.render(metrics: metrics, hashingPool: hashingPool, liveSessions: liveSessions)
            )
        }
    }
}
