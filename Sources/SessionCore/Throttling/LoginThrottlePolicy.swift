/// How many failed logins one email may have before attempts must wait,
/// and how long they wait.
///
/// After `freeFailures` consecutive failures the next attempt waits
/// `baseDelaySeconds`, and each further failure doubles the wait up to
/// `maximumDelaySeconds` (1 s, 2 s, 4 s … 15 min by default). NIST SP
/// 800-63B allows at most 100 consecutive failures; this stays far below.
public struct LoginThrottlePolicy: Sendable {
    public var freeFailures: Int
    public var baseDelaySeconds: Int
    public var maximumDelaySeconds: Int
    /// Emails tracked at once; beyond it the oldest idle entries are dropped.
    public var capacity: Int

    public init(
        freeFailures: Int = 5,
        baseDelaySeconds: Int = 1,
        maximumDelaySeconds: Int = 900,
        capacity: Int = 100_000
    ) {
        self.freeFailures = freeFailures
        self.baseDelaySeconds = baseDelaySeconds
        self.maximumDelaySeconds = maximumDelaySeconds
        self.capacity = capacity
    }

    /// The wait after `failures` consecutive failures, or nil while they are free.
    func delaySeconds(afterFailures failures: Int) -> Int? {
        guard failures >= freeFailures else { return nil }
        let doublings = min(failures - freeFailures, 30)
        return min(baseDelaySeconds << doublings, maximumDelaySeconds)
    }
}
