/// The server-wide lifetimes; a client may override the first two.
public struct SessionConfiguration: Sendable {
    public var accessTokenLifetimeSeconds: Int
    public var refreshTokenLifetimeSeconds: Int
    /// How long after a refresh the same request may be repeated and get the same answer.
    public var refreshGracePeriodSeconds: Int
    /// The delay after repeated failed logins for one email; nil turns it off.
    public var loginThrottle: LoginThrottlePolicy?
    /// How long the sweep keeps what is dead: a session past its refresh
    /// deadline (which meanwhile still answers `session_expired`), and a
    /// rotated-away refresh token (which meanwhile still revokes its
    /// session when reused).
    public var sweepRetentionSeconds: Int
    /// Live sessions one user may have; a login beyond it ends the user's
    /// oldest session (ASVS 5.0, 7.1.2), so that a stolen password cannot
    /// pile up sessions without bound.
    public var maximumSessionsPerUser: Int
    /// How long a session may go without a refresh before it ends, besides
    /// its fixed deadline (ASVS 5.0, 7.3.1): a stolen refresh token left
    /// unused then stops working too.
    public var idleTimeoutSeconds: Int

    public init(
        accessTokenLifetimeSeconds: Int = 3600,
        refreshTokenLifetimeSeconds: Int = 30 * 24 * 3600,
        refreshGracePeriodSeconds: Int = 10,
        loginThrottle: LoginThrottlePolicy? = LoginThrottlePolicy(),
        sweepRetentionSeconds: Int = 7 * 24 * 3600,
        maximumSessionsPerUser: Int = 50,
        idleTimeoutSeconds: Int = 7 * 24 * 3600
    ) {
        self.accessTokenLifetimeSeconds = accessTokenLifetimeSeconds
        self.refreshTokenLifetimeSeconds = refreshTokenLifetimeSeconds
        self.refreshGracePeriodSeconds = refreshGracePeriodSeconds
        self.loginThrottle = loginThrottle
        self.sweepRetentionSeconds = sweepRetentionSeconds
        self.maximumSessionsPerUser = maximumSessionsPerUser
        self.idleTimeoutSeconds = idleTimeoutSeconds
    }
}
