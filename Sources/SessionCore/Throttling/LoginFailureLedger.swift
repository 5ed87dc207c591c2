/// Failed logins kept where every instance of the service sees them, so
/// that guesses spread over several instances share one budget. The shared
/// PostgreSQL store keeps one; a single process needs none, since its
/// throttle's own memory is the whole truth.
public protocol LoginFailureLedger: Sendable {
    /// The email's consecutive failures and the end of its wait, or nil
    /// after a success or before any failure.
    func loginFailures(emailKey: String) throws(StoreError) -> LoginFailures?

    /// Adds one failure atomically, so that failures recorded at once by
    /// several instances all count, and sets the wait that `waitAfter`
    /// gives for the new count (nil: no wait), never shortening one.
    func recordLoginFailure(
        emailKey: String,
        at now: Timestamp,
        waitAfter: (Int) -> Timestamp?
    ) throws(StoreError) -> LoginFailures

    /// Forgets the email's failures after a successful login.
    func clearLoginFailures(emailKey: String) throws(StoreError)
}

/// An email's consecutive failed logins, as the ledger keeps them.
public struct LoginFailures: Equatable, Sendable {
    public var failures: Int
    public var lockedUntil: Timestamp

    public init(failures: Int, lockedUntil: Timestamp) {
        self.failures = failures
        self.lockedUntil = lockedUntil
    }
}
