import Foundation
import HTTPServer
import Log
import SessionCore

/// The Session API over HTTP: routes each request, runs the rule behind it,
/// and writes one log line per request.
public final class KomsHandler: HTTPHandler {
    let service: SessionService
    let hashingPool: HashingPool
    let logger: Logger
    let addressLimits: AddressLimits
    let metrics: APIMetrics
    private let routes: [Endpoint.Route]
    private let requestIDs = RequestIDGenerator()

    /// - Parameter servesMetrics: whether `GET /metrics` is answered here;
    ///   false when a listener of its own serves it.
    public init(
        service: SessionService,
        hashingPool: HashingPool,
        addressLimits: AddressLimits,
        metrics: APIMetrics = APIMetrics(),
        servesMetrics: Bool = true,
        logger: Logger
    ) {
        self.service = service
        self.hashingPool = hashingPool
        self.addressLimits = addressLimits
        self.metrics = metrics
        routes = Endpoint.routes + (servesMetrics ? [Endpoint.metricsRoute] : [])
        self.logger = logger
    }

    /// Longer paths answer 414, as RFC 9110 (section 15.5.15) suggests for a
    /// target the server will not read, rather than 404: no path of the API
    /// comes near it, and 8 KiB is the least that RFC 9112 asks servers to
    /// accept in a request line.
    static let longestPathBytes = 8192

    public func handle(_ request: HTTPRequest, responder: HTTPResponder) {
        let match = Endpoint.match(method: request.method, path: request.path, in: routes)
        let exchange = APIExchange(
            request: request,
            requestID: RequestIDGenerator.incoming(in: request) ?? requestIDs.next(),
            route: match.isNotFound ? "-" : request.path,
            corsOrigin: corsOrigin(of: request, match),
            started: ContinuousClock.now,
            responder: responder
        )

        if let framing = request.framingProblem {
            return finish(exchange, .invalidRequest(framing))
        }
        switch match {
        case .notFound where request.path.utf8.count > Self.longestPathBytes:
            finish(exchange, Problem(status: 414, code: "uri_too_long", detail: "the request path is too long"))
        case .notFound:
            finish(exchange, .notFound)
        case .methodNotAllowed(let allowed):
            finish(exchange, .methodNotAllowed(allowed: allowed))
        case .found(let endpoint):
            route(endpoint, exchange)
        }
    }

    /// The request's Origin when its client allows it; nil for requests
    /// without one, which browsers' same-origin calls and other programs send.
    private func corsOrigin(of request: HTTPRequest, _ match: Endpoint.Match) -> String? {
        guard let origin = request.header(.origin), !match.isPreflight,
            service.client(request.header(Self.clientIDHeader), allowsOrigin: origin)
        else { return nil }
        return origin
    }

    private func route(_ endpoint: Endpoint, _ exchange: APIExchange) {
        if exchange.request.bodyExceedsLimit {
            let problem = Problem(status: 413, code: "payload_too_large", detail: "the request body is too large")
            return finish(exchange, problem)
        }

        let work: EndpointWork
        do {
            work = try self.work(for: endpoint, exchange.request)
        } catch {
            return finish(exchange, problem(for: error))
        }

        switch work {
        case .answered(let response):
            finish(exchange, response)
        case .hashing(let job):
            hash(job, exchange)
        case .pending(let start):
            start { [self] outcome in
                switch outcome {
                case .success(let response): finish(exchange, response)
                case .failure(let error): finish(exchange, problem(for: error))
                }
            }
        }
    }

    /// Runs the rest of a request on the hashing pool, or answers 503 when its queue is full.
    private func hash(_ job: @escaping @Sendable () throws -> HTTPResponse, _ exchange: APIExchange) {
        let accepted = hashingPool.submit { [self] in
            do {
                finish(exchange, try job())
            } catch {
                finish(exchange, problem(for: error))
            }
        }
        if !accepted {
            finish(
                exchange,
                Problem.unavailable(code: "overloaded", detail: "too many logins at once, try again shortly")
            )
        }
    }

    /// The problem answer for anything an endpoint threw; only internal
    /// failures and database outages are logged here, since they need an
    /// operator.
    private func problem(for error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let refusal as SessionError:
            switch refusal {
            case .internalFailure(let reason):
                logger.error("request failed", [("error", .text(reason))])
            case .unavailable(let reason):
                metrics.databaseErrors.add(1, ordering: .relaxed)
                logger.error("database unavailable", [("error", .text(reason))])
            case .damagedRecord(let reason):
                metrics.databaseErrors.add(1, ordering: .relaxed)
                logger.error("stored record refused", [("error", .text(reason))])
            default:
                break
            }
            return Problem(refusal)
        default:
            logger.error("request failed", [("error", "\(error)")])
            return Problem(SessionError.internalFailure(""))
        }
    }

    private func finish(_ exchange: APIExchange, _ problem: Problem) {
        finish(exchange, problem.response, problemCode: problem.code, reason: problem.reason)
    }

    /// Answers and writes the request's log line, which names the problem
    /// code of a refusal so that an operator sees why, throttling included,
    /// and the peer and client id, so that failed logins can be traced. The
    /// client id is no secret; tokens and passwords never appear. `route`
    /// is the API's own path, or `-` for a path it does not have, so that
    /// lines can be grouped by route whatever clients send.
    private func finish(
        _ exchange: APIExchange,
        _ response: HTTPResponse,
        problemCode: String? = nil,
        reason: String? = nil
    ) {
        var response = response
        response.headers.append(("X-Request-Id", exchange.requestID))
        if let origin = exchange.corsOrigin {
            response.headers += CORS.responseHeaders(origin: origin)
        }
        // Counted before the answer leaves, so that a scrape that follows
        // the answer always sees it.
        let elapsed = ContinuousClock.now - exchange.started
        metrics.record(
            route: exchange.route,
            method: exchange.request.method,
            status: response.status,
            seconds: elapsed.inSeconds,
            problemCode: problemCode
        )
        exchange.responder.respond(response)

        var fields: [(String, LogValue)] = [
            ("request_id", .text(exchange.requestID)),
            ("method", .text(exchange.request.method)),
            ("route", .text(exchange.route)),
            ("path", .text(Self.shortened(exchange.request.path))),
            ("status", .integer(response.status)),
            ("duration_ms", .number(Self.milliseconds(elapsed))),
            ("remote", .text(exchange.request.remoteAddress)),
            ("client_id", .text(Self.shortened(exchange.request.header(Self.clientIDHeader) ?? "-"))),
        ]
        if let problemCode {
            fields.append(("code", .text(problemCode)))
        }
        if let reason {
            fields.append(("reason", .text(reason)))
        }
        logger.info("request", fields)
    }
}

extension KomsHandler {
    /// `12.345`: milliseconds with three decimals, written straight into
    /// a string short enough to need no heap, without `String(format:)`.
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let microseconds = max(0, Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000))
        var digits = 1
        var rest = microseconds / 1000
        while rest >= 10 {
            digits += 1
            rest /= 10
        }
        let length = digits + 4
        return String(unsafeUninitializedCapacity: length) { text in
            var value = microseconds
            for index in stride(from: length - 1, through: 0, by: -1) {
                if index == digits {
                    text[index] = UInt8(ascii: ".")
                } else {
                    text[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            return length
        }
    }

    /// A client-supplied value cut to 64 bytes, so that a log line stays short.
    static func shortened(_ value: String) -> String {
        value.utf8.count <= 64 ? value : String(decoding: value.utf8.prefix(64), as: UTF8.self)
    }
}

/// A request on its way through the handler.
struct APIExchange: Sendable {
    let request: HTTPRequest
    let requestID: String
    let route: String
    let corsOrigin: String?
    let started: ContinuousClock.Instant
    let responder: HTTPResponder
}
