/// The operator's side: registering, listing and disabling client applications.
public struct ClientRegistry: Sendable {
    private let store: any SessionStore
    private let clock: any SessionClock

    public init(store: any SessionStore, clock: any SessionClock) {
        self.store = store
        self.clock = clock
    }

    /// - Parameter allowedOrigins: web origins such as `https://app.example`;
    ///   each is checked and written in its serialized form (RFC 6454).
    public func register(
        name: String,
        accessTokenLifetimeSeconds: Int? = nil,
        refreshTokenLifetimeSeconds: Int? = nil,
        allowedOrigins: [String] = []
    ) throws(ClientRegistryError) -> ClientApplication {
        var origins: [String] = []
        for text in allowedOrigins {
            guard let origin = WebOrigin(text) else { throw .invalidOrigin(text) }
            origins.append(origin.serialized)
        }
        let client = ClientApplication(
            id: SessionService.makeIdentifier(),
            name: name,
            accessTokenLifetimeSeconds: accessTokenLifetimeSeconds,
            refreshTokenLifetimeSeconds: refreshTokenLifetimeSeconds,
            createdAt: clock.now(),
            allowedOrigins: origins
        )
        do {
            try storeCall { () throws(StoreError) in try store.insertClient(client) }
        } catch {
            throw .refused(error)
        }
        return client
    }

    public func list() throws(SessionError) -> [ClientApplication] {
        try storeCall { () throws(StoreError) in try store.clients() }
    }

    /// Stops the client and ends every session of it; false for an unknown id.
    public func disable(id: String) throws(SessionError) -> Bool {
        try storeCall { () throws(StoreError) in try store.disableClient(id: id) }
    }
}

/// Why a client application could not be registered.
public enum ClientRegistryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not an origin of the form `scheme://host[:port]`.
    case invalidOrigin(String)
    case refused(SessionError)

    public var description: String {
        switch self {
        case .invalidOrigin(let text): "not an origin (scheme://host[:port], nothing after): \(text)"
        case .refused(let error): "the store refused the client: \(error)"
        }
    }
}
