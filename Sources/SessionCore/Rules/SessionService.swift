import Foundation
import Sodium

/// The session rules: sign-up, login, refresh with rotation and reuse
/// detection, checks and logout. It knows nothing of HTTP or SQL.
///
/// `signUp` and `logIn` hash a password and take tens of milliseconds of CPU;
/// callers run them off their event threads. Everything else is a few store
/// lookups.
public final class SessionService: Sendable {
    let store: any SessionStore
    let clock: any SessionClock
    let configuration: SessionConfiguration
    let hasher: PasswordHasher
    /// Verified against when the email is unknown, so that a failed login
    /// costs the same time whether or not the account exists.
    let dummyHash: String
    /// Nil when the configuration turns the per-email delay off.
    let loginThrottle: LoginThrottle?

    /// - Parameter loginFailureLedger: where failed logins are counted when
    ///   several instances share the store; nil keeps them in memory.
    public init(
        store: any SessionStore,
        clock: any SessionClock,
        configuration: SessionConfiguration,
        hasher: PasswordHasher,
        loginFailureLedger: (any LoginFailureLedger)? = nil
    ) throws(SessionError) {
        self.store = store
        self.clock = clock
        self.configuration = configuration
        self.hasher = hasher
        loginThrottle = configuration.loginThrottle.map {
            LoginThrottle(policy: $0, clock: clock, ledger: loginFailureLedger)
        }
        do {
            dummyHash = try hasher.hash(password: SecureRandom.bytes(count: 32))
        } catch {
            throw .internalFailure("cannot compute the dummy password hash: \(error)")
        }
    }

    /// The enabled client named by the request, or `invalidClient`.
    public func authenticateClient(id: String?) throws(SessionError) -> ClientApplication {
        guard let id, !id.isEmpty else { throw .invalidClient }
        guard let client = try storeCall({ () throws(StoreError) in try store.client(id: id) }), client.isEnabled
        else {
            throw .invalidClient
        }
        return client
    }

    /// When an access token issued now expires: after its lifetime, but
    /// never after its session could have ended, by its fixed deadline or
    /// by going unused (the session's last use being now).
    func accessDeadline(from now: Timestamp, for client: ClientApplication, refreshExpiresAt: Timestamp) -> Timestamp {
        let lifetime = client.accessTokenLifetimeSeconds ?? configuration.accessTokenLifetimeSeconds
        return min(now.adding(seconds: min(lifetime, configuration.idleTimeoutSeconds)), refreshExpiresAt)
    }

    func refreshLifetime(for client: ClientApplication) -> Int {
        client.refreshTokenLifetimeSeconds ?? configuration.refreshTokenLifetimeSeconds
    }

    static func makeIdentifier() -> String {
        UUID().uuidString.lowercased()
    }
}

/// Runs a store call, turning its error into the rules' error.
func storeCall<Result>(_ body: () throws(StoreError) -> Result) throws(SessionError) -> Result {
    do {
        return try body()
    } catch {
        throw SessionError(error)
    }
}
