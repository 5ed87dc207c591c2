extension SessionService {
    /// Removes sessions whose refresh deadline or idle timeout passed more
    /// than the retention ago, so that the database grows with live
    /// sessions, not with history. Runs in batches, each its own short transaction, so
    /// that requests keep being served while a large backlog goes. How
    /// many sessions went.
    public func sweep(batchSize: Int = 1000) throws(SessionError) -> Int {
        let cutoff = clock.now().adding(seconds: -configuration.sweepRetentionSeconds)
        let unusedSince = cutoff.adding(seconds: -configuration.idleTimeoutSeconds)
        var total = 0
        while true {
            let removed = try storeCall { () throws(StoreError) in
                try store.sweep(sessionsBefore: cutoff, unusedSince: unusedSince, limit: batchSize)
            }
            total += removed
            if removed < batchSize {
                return total
            }
        }
    }
}
