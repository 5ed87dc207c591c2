/// A login as the store keeps it: hashes of its tokens, never the tokens.
public struct SessionRecord: Equatable, Sendable {
    public var id: String
    public var userID: String
    public var clientID: String
    /// The key every refresh token of the session begins with.
    public var refreshFamily: [UInt8]
    public var accessTokenHash: [UInt8]
    public var refreshTokenHash: [UInt8]
    public var accessExpiresAt: Timestamp
    /// Fixed at login; rotation never moves it.
    public var refreshExpiresAt: Timestamp
    public var createdAt: Timestamp
    /// The pair rotated away last, kept so that a retry of that refresh
    /// within the grace period gets the same answer.
    public var previous: RotatedPair?

    public init(
        id: String,
        userID: String,
        clientID: String,
        refreshFamily: [UInt8],
        accessTokenHash: [UInt8],
        refreshTokenHash: [UInt8],
        accessExpiresAt: Timestamp,
        refreshExpiresAt: Timestamp,
        createdAt: Timestamp,
        previous: RotatedPair? = nil
    ) {
        self.id = id
        self.userID = userID
        self.clientID = clientID
        self.refreshFamily = refreshFamily
        self.accessTokenHash = accessTokenHash
        self.refreshTokenHash = refreshTokenHash
        self.accessExpiresAt = accessExpiresAt
        self.refreshExpiresAt = refreshExpiresAt
        self.createdAt = createdAt
        self.previous = previous
    }
}

/// The pair a refresh replaced, with its successor sealed under a key only
/// the holder of the old refresh token can derive.
public struct RotatedPair: Equatable, Sendable {
    public var accessTokenHash: [UInt8]
    public var refreshTokenHash: [UInt8]
    public var rotatedAt: Timestamp
    public var sealedSuccessor: [UInt8]

    public init(accessTokenHash: [UInt8], refreshTokenHash: [UInt8], rotatedAt: Timestamp, sealedSuccessor: [UInt8]) {
        self.accessTokenHash = accessTokenHash
        self.refreshTokenHash = refreshTokenHash
        self.rotatedAt = rotatedAt
        self.sealedSuccessor = sealedSuccessor
    }
}
