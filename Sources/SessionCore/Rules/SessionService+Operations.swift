extension SessionService {
    /// Whether the store can serve requests now; the failure carries the
    /// store's reason, for the operator's probe. `completion` may run on
    /// another thread.
    public func checkReadiness(completion: @escaping @Sendable (Result<Void, SessionError>) -> Void) {
        store.checkReadiness { outcome in
            completion(outcome.mapError(SessionError.init))
        }
    }
}

extension SessionService {
    /// Sessions that can still be refreshed, for the operator's gauges.
    public func liveSessionCount() throws(SessionError) -> Int {
        let now = clock.now()
        return try storeCall { () throws(StoreError) in try store.countLiveSessions(now: now) }
    }
}
