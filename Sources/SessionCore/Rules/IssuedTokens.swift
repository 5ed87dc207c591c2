/// What a login or a refresh hands the client.
public struct IssuedTokens: Equatable, Sendable {
    public var accessToken: String
    public var refreshToken: String
    /// Whole seconds the access token has left.
    public var accessTokenExpiresIn: UInt32

    public init(accessToken: String, refreshToken: String, accessTokenExpiresIn: UInt32) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.accessTokenExpiresIn = accessTokenExpiresIn
    }
}

extension UInt32 {
    /// Seconds left, clamped to the 32-bit field the API promises.
    init(secondsLeft: Int64) {
        self = UInt32(clamping: secondsLeft)
    }
}
