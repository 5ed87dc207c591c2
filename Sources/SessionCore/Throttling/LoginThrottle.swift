import Synchronization

/// Consecutive failed logins per email, known or unknown alike, so that the
/// answer never tells whether an account exists.
///
/// An attempt is admitted before its password is hashed and settled after.
/// After a first failure, attempts under way count against the free budget,
/// so that parallel guesses get no more tries than the same guesses in a
/// row; a first wave of parallel guesses all fail together and set a delay
/// as long as their number warrants.
///
/// With a shared ledger, failures and waits come from it, so that every
/// instance of the service applies the same budget; attempts under way are
/// still counted per instance.
public final class LoginThrottle: Sendable {
    private struct Entry {
        var failures = 0
        var pending = 0
        var lockedUntil = Timestamp(millisecondsSinceEpoch: 0)
        var lastSeen: Timestamp
    }

    /// What an attempt came to.
    enum Outcome {
        case succeeded
        case failed
        /// Neither: the request ended before the password was checked.
        case abandoned
    }

    private let policy: LoginThrottlePolicy
    private let clock: any SessionClock
    private let ledger: (any LoginFailureLedger)?
    private let entries = Mutex<[String: Entry]>([:])

    public init(policy: LoginThrottlePolicy, clock: any SessionClock, ledger: (any LoginFailureLedger)? = nil) {
        self.policy = policy
        self.clock = clock
        self.ledger = ledger
    }

    /// Emails currently tracked.
    public var trackedCount: Int {
        entries.withLock { $0.count }
    }

    /// Admits an attempt for this email key, or says how many seconds to wait.
    func admit(_ key: String) throws(StoreError) -> Admission {
        let now = clock.now()
        let shared = try ledger?.loginFailures(emailKey: key)
        return entries.withLock { entries in
            if entries[key] == nil {
                guard makeRoom(in: &entries, now: now) else { return .untracked }
                entries[key] = Entry(lastSeen: now)
            }
            var entry = entries[key]!
            if ledger != nil {
                entry.failures = shared?.failures ?? 0
                entry.lockedUntil = shared?.lockedUntil ?? Timestamp(millisecondsSinceEpoch: 0)
            }
            if now < entry.lockedUntil {
                return .refused(retryAfterSeconds: Int(now.wholeSeconds(roundingUpUntil: entry.lockedUntil)))
            }
            // Once an email has failed, attempts under way count against what
            // is left of its budget, and at the edge only one may be out at a
            // time. An email with no failure is not held back, so that many
            // devices of one account can log in at once.
            if entry.failures > 0, entry.pending > 0, entry.failures + entry.pending >= policy.freeFailures {
                return .refused(retryAfterSeconds: policy.baseDelaySeconds)
            }
            entry.pending += 1
            entry.lastSeen = now
            entries[key] = entry
            return .admitted
        }
    }

    func settle(_ key: String, _ outcome: Outcome) {
        let now = clock.now()
        let shared = settleShared(key, outcome, now: now)
        entries.withLock { entries in
            guard var entry = entries[key] else { return }
            entry.pending = max(0, entry.pending - 1)
            entry.lastSeen = now
            switch outcome {
            case .succeeded:
                entry.failures = 0
                entry.lockedUntil = Timestamp(millisecondsSinceEpoch: 0)
            case .failed:
                if let shared {
                    entry.failures = shared.failures
                    entry.lockedUntil = shared.lockedUntil
                } else {
                    entry.failures += 1
                    if let delay = policy.delaySeconds(afterFailures: entry.failures) {
                        entry.lockedUntil = now.adding(seconds: delay)
                    }
                }
            case .abandoned:
                break
            }
            if entry.failures == 0 && entry.pending == 0 {
                entries[key] = nil
            } else {
                entries[key] = entry
            }
        }
    }

    /// Records the outcome in the ledger, if there is one: the new state
    /// after a failure. A ledger that cannot be reached leaves the outcome
    /// to this instance's memory alone, since a login that already has its
    /// answer should not fail for it.
    private func settleShared(_ key: String, _ outcome: Outcome, now: Timestamp) -> LoginFailures? {
        guard let ledger else { return nil }
        switch outcome {
        case .failed:
            return try? ledger.recordLoginFailure(emailKey: key, at: now) { failures in
                policy.delaySeconds(afterFailures: failures).map { now.adding(seconds: $0) }
            }
        case .succeeded:
            try? ledger.clearLoginFailures(emailKey: key)
            return nil
        case .abandoned:
            return nil
        }
    }

    /// Frees a slot for a new email when the table is full, dropping the
    /// least recently seen entries that are neither waiting out a delay nor
    /// have an attempt under way: dropping one of those could never lift a
    /// delay early. False when every entry is locked or busy.
    private func makeRoom(in entries: inout [String: Entry], now: Timestamp) -> Bool {
        guard entries.count >= policy.capacity else { return true }
        let evictable = entries.filter { $0.value.pending == 0 && $0.value.lockedUntil <= now }
        guard !evictable.isEmpty else { return false }
        // Dropping a slice at once keeps a flood of new emails from paying for a scan each.
        let batch = max(1, policy.capacity / 16)
        for (key, _) in evictable.sorted(by: { $0.value.lastSeen < $1.value.lastSeen }).prefix(batch) {
            entries[key] = nil
        }
        return true
    }

    enum Admission {
        case admitted
        /// The table is full of locked entries; the attempt goes on untracked.
        case untracked
        case refused(retryAfterSeconds: Int)
    }
}
