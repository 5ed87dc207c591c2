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
            return responder.respond(Problem.notFound.response)
        }
        guard request.method == "GET" else {
            return responder.respond(Problem.methodNotAllowed(allowed: ["GET"]).response)
        }
        MetricsPage.answer(service: service, metrics: metrics, hashingPool: hashingPool, with: responder.respond)
    }
}
