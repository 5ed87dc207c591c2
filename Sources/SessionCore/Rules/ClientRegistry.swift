/// The operator's side: registering, listing and disabling client applications.
public struct ClientRegistry: Sendable {
    private let store: any SessionStore
    private let clock: any SessionClock

    public init(store: any SessionStore, clock: any SessionClock) {
        self.store = store
        self.clock = clock
    }

    public func register(
        name: String,
        accessTokenLifetimeSeconds: Int? = nil,
        refreshTokenLifetimeSeconds: Int? = nil
    ) throws(SessionError) -> ClientApplication {
        let client = ClientApplication(
            id: SessionService.makeIdentifier(),
            name: name,
            accessTokenLifetimeSeconds: accessTokenLifetimeSeconds,
            refreshTokenLifetimeSeconds: refreshTokenLifetimeSeconds,
            createdAt: clock.now()
        )
        try storeCall { () throws(StoreError) in try store.insertClient(client) }
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
