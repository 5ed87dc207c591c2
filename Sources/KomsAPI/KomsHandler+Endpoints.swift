import HTTPServer
import JSON
import SessionCore

/// What an endpoint does with a request once it has been read.
enum EndpointWork {
    /// Answered on the event thread.
    case answered(HTTPResponse)
    /// Checked and parsed; what remains hashes a password and goes to the hashing pool.
    case hashing(@Sendable () throws -> HTTPResponse)
    /// Checked, looked up and handed to the store's writer, which answers
    /// once the change is durable; the event thread goes back to serving.
    case pending(@Sendable (@escaping @Sendable (Result<HTTPResponse, SessionError>) -> Void) -> Void)
}

extension KomsHandler {
    /// Reads and checks the request on the event thread. Throws a `Problem`
    /// for malformed requests and a `SessionError` for what the rules refuse.
    func work(for endpoint: Endpoint, _ request: HTTPRequest) throws -> EndpointWork {
        switch endpoint {
        case .ping:
            return .answered(.json([("message", .string("pong"))]))

        case .health:
            return .answered(.json([("status", .string("ok"))]))

        case .options(let allowed):
            // Answered without authentication: a preflight carries no
            // client id or token. CORS headers only for an origin some
            // client allows, asking for a method this path has.
            var headers: [(name: String, value: String)] = [("Allow", (allowed + ["OPTIONS"]).joined(separator: ", "))]
            if let origin = request.header(.origin),
                let method = request.header(.accessControlRequestMethod), allowed.contains(method),
                service.anyClientAllowsOrigin(origin)
            {
                headers += CORS.preflightHeaders(origin: origin, methods: allowed)
            }
            return .answered(HTTPResponse(status: 204, headers: headers + StandardHeaders.all))

        case .openAPI:
            return .answered(HTTPResponse(status: 200, headers: StandardHeaders.json, body: OpenAPIDocument.bytes))

        case .metrics:
            return .pending { [service, metrics, hashingPool] answer in
                MetricsPage.answer(service: service, metrics: metrics, hashingPool: hashingPool) {
                    answer(.success($0))
                }
            }

        case .readiness:
            return .pending { [service, logger] answer in
                service.checkReadiness { outcome in
                    switch outcome {
                    case .success:
                        answer(.success(.json([("status", .string("ready"))])))
                    case .failure(let error):
                        let reason = Self.readinessFailure(error)
                        logger.warning("not ready", [("reason", .text(reason))])
                        let problem = Problem.unavailable(code: "not_ready", detail: reason)
                        answer(.success(problem.response))
                    }
                }
            }

        case .signUp:
            _ = try client(of: request)
            let body = try RequestBody(request, allowed: ["email", "password", "account_type"])
            if let accountType = try body.optionalString("account_type") {
                try requireTraditional(accountType)
            }
            let (email, password) = (try body.string("email"), try body.string("password"))
            try addressLimits.spend(addressLimits.signUp, for: request)
            return .hashing { [service] in
                _ = try service.signUp(email: email, password: password)
                return .json(status: 201, [("message", .string("user created"))])
            }

        case .logIn:
            let client = try client(of: request)
            let body = try RequestBody(request, allowed: ["email", "password", "account_type"])
            try requireTraditional(try body.string("account_type"))
            let (email, password) = (try body.string("email"), try body.string("password"))
            try addressLimits.spend(addressLimits.logIn, for: request)
            let attempt = try service.admitLogin(email: email)
            return .hashing { [service] in
                .tokens(try service.logIn(attempt, password: password, client: client))
            }

        case .refresh:
            let client = try client(of: request)
            let body = try RequestBody(request, allowed: ["refresh_token"])
            let (accessToken, refreshToken) = (try BearerToken.from(request), try body.string("refresh_token"))
            return .pending { [service] answer in
                service.refresh(accessToken: accessToken, refreshToken: refreshToken, client: client) { outcome in
                    answer(outcome.map(HTTPResponse.tokens))
                }
            }

        case .readSession:
            let seconds = try service.accessTokenExpiresIn(
                accessToken: try BearerToken.from(request),
                clientID: request.header(Self.clientIDHeader)
            )
            return .answered(.json([("access_token_expires_in", .number(String(seconds)))]))

        case .readUser:
            let user = try service.currentUser(
                accessToken: try BearerToken.from(request),
                clientID: request.header(Self.clientIDHeader)
            )
            return .answered(.json([("id", .string(user.id)), ("email", .string(user.email))]))

        case .logOut:
            let (accessToken, clientID) = (try BearerToken.from(request), request.header(Self.clientIDHeader))
            return .pending { [service] answer in
                service.logOut(accessToken: accessToken, clientID: clientID) { outcome in
                    answer(outcome.map { .noContent })
                }
            }
        }
    }

    static let clientIDHeader: HeaderName = "x-koms-clientid"

    /// What a readiness probe is told: the store's own words, which name a
    /// lock, a full disk or a missing file, and never a secret.
    static func readinessFailure(_ error: SessionError) -> String {
        switch error {
        case .unavailable(let reason), .internalFailure(let reason):
            "the database does not answer: \(reason)"
        default:
            "the database does not answer"
        }
    }

    private func client(of request: HTTPRequest) throws(SessionError) -> ClientApplication {
        try service.authenticateClient(id: request.header(Self.clientIDHeader))
    }

    private func requireTraditional(_ accountType: String) throws(Problem) {
        guard accountType == "traditional" else {
            throw .invalidRequest("field \"account_type\" must be \"traditional\"")
        }
    }
}

extension HTTPResponse {
    /// With `Pragma: no-cache` besides `Cache-Control: no-store`, for
    /// HTTP/1.0 caches, as RFC 6749 (section 5.1) asks of token answers.
    static func tokens(_ tokens: IssuedTokens) -> HTTPResponse {
        var response = HTTPResponse.json([
            ("access_token", .string(tokens.accessToken)),
            ("refresh_token", .string(tokens.refreshToken)),
            ("access_token_expires_in", .number(String(tokens.accessTokenExpiresIn))),
        ])
        response.headers.append(("Pragma", "no-cache"))
        return response
    }
}
