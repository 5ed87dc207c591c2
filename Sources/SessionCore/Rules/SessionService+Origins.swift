extension SessionService {
    /// Whether the enabled client named by `clientID` lets pages of `origin`
    /// call the API from a browser.
    public func client(_ clientID: String?, allowsOrigin origin: String) -> Bool {
        guard let client = try? authenticateClient(id: clientID), let origin = WebOrigin(origin) else { return false }
        return client.allowedOrigins.contains(origin.serialized)
    }

    /// Whether any enabled client lets pages of `origin` call the API. A
    /// browser's preflight names no client: it asks before sending the
    /// `x-koms-clientid` header.
    public func anyClientAllowsOrigin(_ origin: String) -> Bool {
        guard let origin = WebOrigin(origin),
            let clients = try? storeCall({ () throws(StoreError) in try store.clients() })
        else { return false }
        return clients.contains { $0.isEnabled && $0.allowedOrigins.contains(origin.serialized) }
    }
}
