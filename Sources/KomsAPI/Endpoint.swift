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

    /// Path, then method, to endpoint. Small enough that a linear search
    /// costs less than hashing the path.
    static let routes: [(path: String, methods: [(method: String, endpoint: Endpoint)])] = [
        ("/user", [("POST", .signUp), ("GET", .readUser)]),
        ("/session", [("POST", .logIn), ("PUT", .refresh), ("GET", .readSession), ("DELETE", .logOut)]),
        ("/ping", [("GET", .ping)]),
        ("/healthz", [("GET", .health)]),
        ("/readyz", [("GET", .readiness)]),
    ]

    enum Match {
        case found(Endpoint)
        case methodNotAllowed(allowed: [String])
        case notFound

        var isNotFound: Bool {
            if case .notFound = self { return true }
            return false
        }
    }

    static func match(method: String, path: String) -> Match {
        guard let route = routes.first(where: { $0.path == path }) else { return .notFound }
        guard let entry = route.methods.first(where: { $0.method == method }) else {
            return .methodNotAllowed(allowed: route.methods.map(\.method))
        }
        return .found(entry.endpoint)
    }
}
