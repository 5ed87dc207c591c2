/// The operations of the Session API, and the route table that names them.
enum Endpoint: Sendable {
    case signUp
    case readUser
    case logIn
    case refresh
    case readSession
    case logOut
    case ping
    case health
    case readiness
    case metrics
    case openAPI
    /// `OPTIONS`, a browser's CORS preflight among others.
    case options(allowed: [String])

    /// Path, then method, to endpoint. Small enough that a linear search
    /// costs less than hashing the path.
    static let routes: [Route] = [
        ("/user", [("POST", .signUp), ("GET", .readUser), ("OPTIONS", .options(allowed: ["POST", "GET"]))]),
        (
            "/session",
            [
                ("POST", .logIn), ("PUT", .refresh), ("GET", .readSession), ("DELETE", .logOut),
                ("OPTIONS", .options(allowed: ["POST", "PUT", "GET", "DELETE"])),
            ]
        ),
        ("/ping", [("GET", .ping)]),
        ("/healthz", [("GET", .health)]),
        ("/readyz", [("GET", .readiness)]),
        ("/openapi.json", [("GET", .openAPI)]),
    ]

    typealias Route = (path: String, methods: [(method: String, endpoint: Endpoint)])

    /// Served by the API's listener unless `--metrics-address` gives it one of its own.
    static let metricsRoute: Route = ("/metrics", [("GET", .metrics)])

    enum Match {
        case found(Endpoint)
        case methodNotAllowed(allowed: [String])
        case notFound

        var isNotFound: Bool {
            if case .notFound = self { return true }
            return false
        }

        /// An OPTIONS request, which answers for CORS itself.
        var isPreflight: Bool {
            if case .found(.options) = self { return true }
            return false
        }
    }

    static func match(method: String, path: String, in routes: [Route] = routes) -> Match {
        guard let route = routes.first(where: { $0.path == path }) else { return .notFound }
        guard let entry = route.methods.first(where: { $0.method == method }) else {
            return .methodNotAllowed(allowed: route.methods.map(\.method))
        }
        return .found(entry.endpoint)
    }
}
