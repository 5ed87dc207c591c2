extension SessionService {
    /// Removes sessions and retired refresh tokens older than the retention,
    /// so that the database grows with live sessions, not with history.
    /// Runs in batches, each its own short transaction, so that requests
    /// keep being served while a large backlog goes.
    public func sweep(batchSize: Int = 1000) throws(SessionError) -> SweepCount {
        let cutoff = clock.now().adding(seconds: -configuration.sweepRetentionSeconds)
        var total = SweepCount(sessions: 0, retiredTokens: 0)
        while true {
            let batch = try storeCall { () throws(StoreError) in
                try store.sweep(sessionsBefore: cutoff, retiredBefore: cutoff, limit: batchSize)
            }
            total.sessions += batch.sessions
            total.retiredTokens += batch.retiredTokens
            if batch.sessions < batchSize && batch.retiredTokens < batchSize {
                return total
            }
        }
    }
}
