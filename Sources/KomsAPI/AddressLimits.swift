import HTTPServer
import SessionCore

/// Per-address budgets for the endpoints that cost a password hash, and the
/// proxies whose forwarding header names the real address.
public struct AddressLimits: Sendable {
    let logIn: RateLimiter
    let signUp: RateLimiter
    let resolver: ClientAddressResolver

    /// - Parameters:
    ///   - capacity: addresses tracked per endpoint before the oldest are dropped.
    public init(
        logIn: RateLimit,
        signUp: RateLimit,
        trustedProxies: [IPNetwork] = [],
        capacity: Int = 100_000,
        clock: any SessionClock
    ) {
        self.logIn = RateLimiter(limit: logIn, capacity: capacity, clock: clock)
        self.signUp = RateLimiter(limit: signUp, capacity: capacity, clock: clock)
        resolver = ClientAddressResolver(trustedProxies: trustedProxies)
    }

    /// Defaults: 30 logins a minute with bursts of 10, and 10 sign-ups a
    /// minute with bursts of 5, from one address.
    public static let defaultLogIn = RateLimit(perMinute: 30, burst: 10)
    public static let defaultSignUp = RateLimit(perMinute: 10, burst: 5)

    /// Spends one request of `limiter`'s budget for the request's address.
    func spend(_ limiter: RateLimiter, for request: HTTPRequest) throws(Problem) {
        if let seconds = limiter.take(resolver.address(of: request)) {
            throw .tooManyRequests(
                code: "too_many_requests",
                detail: "too many requests from this address",
                retryAfterSeconds: seconds
            )
        }
    }
}
