import Synchronization

/// Token buckets by key (a client address), holding at most `capacity` keys.
///
/// When the table is full, buckets that have refilled are dropped first,
/// since forgetting them changes nothing; only if none has, the least
/// recently used go, which can only be generous to a key that was idle.
public final class RateLimiter: Sendable {
    private struct Bucket {
        /// Tokens in thousandths, so that refills of a fraction of a token add up.
        var milliTokens: Int64
        var updated: Timestamp
    }

    private let limit: RateLimit
    private let capacity: Int
    private let clock: any SessionClock
    private let buckets = Mutex<[String: Bucket]>([:])

    public init(limit: RateLimit, capacity: Int = 100_000, clock: any SessionClock) {
        self.limit = limit
        self.capacity = max(1, capacity)
        self.clock = clock
    }

    public var trackedCount: Int {
        buckets.withLock { $0.count }
    }

    /// Takes a token for `key`: nil when granted, else the whole seconds
    /// until one will be there.
    public func take(_ key: String) -> Int? {
        guard !limit.isUnlimited else { return nil }
        let now = clock.now()
        let full = Int64(max(1, limit.burst)) * 1000
        return buckets.withLock { buckets in
            var bucket =
                buckets[key].map { refilled($0, now: now, full: full) } ?? Bucket(milliTokens: full, updated: now)
            if buckets[key] == nil {
                makeRoom(in: &buckets, now: now, full: full)
            }
            guard bucket.milliTokens >= 1000 else {
                buckets[key] = bucket
                let missing = 1000 - bucket.milliTokens
                let millisecondsPerMilliToken = 60.0 / Double(limit.perMinute)
                return max(1, Int((Double(missing) * millisecondsPerMilliToken / 1000).rounded(.up)))
            }
            bucket.milliTokens -= 1000
            buckets[key] = bucket
            return nil
        }
    }

    private func refilled(_ bucket: Bucket, now: Timestamp, full: Int64) -> Bucket {
        let elapsed = max(0, now.millisecondsSinceEpoch - bucket.updated.millisecondsSinceEpoch)
        // perMinute tokens per 60,000 ms is perMinute thousandths per 60 ms.
        let gained = elapsed * Int64(limit.perMinute) / 60
        guard bucket.milliTokens + gained < full else { return Bucket(milliTokens: full, updated: now) }
        // Only the time that became whole thousandths is spent, so frequent
        // calls cannot round the refill away.
        let spent = gained * 60 / Int64(limit.perMinute)
        return Bucket(
            milliTokens: bucket.milliTokens + gained,
            updated: Timestamp(millisecondsSinceEpoch: bucket.updated.millisecondsSinceEpoch + spent)
        )
    }

    private func makeRoom(in buckets: inout [String: Bucket], now: Timestamp, full: Int64) {
        guard buckets.count >= capacity else { return }
        let batch = max(1, capacity / 16)
        let refilledKeys = buckets.filter { refilled($0.value, now: now, full: full).milliTokens >= full }.keys
        for key in refilledKeys.prefix(batch) {
            buckets[key] = nil
        }
        guard buckets.count >= capacity else { return }
        for (key, _) in buckets.sorted(by: { $0.value.updated < $1.value.updated }).prefix(batch) {
            buckets[key] = nil
        }
    }
}
