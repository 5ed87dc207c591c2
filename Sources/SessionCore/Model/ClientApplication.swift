/// An application allowed to call the API, named by `x-koms-clientid`.
public struct ClientApplication: Equatable, Sendable {
    public var id: String
    public var name: String
    /// Overrides the server's access-token lifetime for this client's sessions.
    public var accessTokenLifetimeSeconds: Int?
    /// Overrides the server's refresh lifetime for this client's sessions.
    public var refreshTokenLifetimeSeconds: Int?
    public var isEnabled: Bool
    public var createdAt: Timestamp
    /// Web origins (`https://app.example`) whose pages may call the API for
    /// this client from a browser (CORS).
    public var allowedOrigins: [String]

    public init(
        id: String,
        name: String,
        accessTokenLifetimeSeconds: Int? = nil,
        refreshTokenLifetimeSeconds: Int? = nil,
        isEnabled: Bool = true,
        createdAt: Timestamp,
        allowedOrigins: [String] = []
    ) {
        self.id = id
        self.name = name
        self.accessTokenLifetimeSeconds = accessTokenLifetimeSeconds
        self.refreshTokenLifetimeSeconds = refreshTokenLifetimeSeconds
        self.isEnabled = isEnabled
        self.createdAt = createdAt
        self.allowedOrigins = allowedOrigins
    }
}
