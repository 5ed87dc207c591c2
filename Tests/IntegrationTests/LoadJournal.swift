/// What one load thread knows the server did: only what it acknowledged,
/// plus the requests still unanswered when the load stopped.
///
/// The consistency check holds a server to exactly this, so a request cut
/// off by a kill is never counted as either done or not done.
struct WorkerJournal: Sendable {
    var accounts: [JournaledAccount] = []
    var sessions: [JournaledSession] = []

    var acknowledgedAccounts: [Int] {
        accounts.indices.filter { accounts[$0].signUp == .acknowledged }
    }

    var liveSessions: [Int] {
        sessions.indices.filter { sessions[$0].state == .live }
    }
}

extension [WorkerJournal] {
    var acknowledgedSignUps: Int {
        map { $0.acknowledgedAccounts.count }.reduce(0, +)
    }

    var unknownSignUps: Int {
        map { $0.accounts.filter { $0.signUp == .unknown }.count }.reduce(0, +)
    }
}

/// One email the load signed up (or tried to).
struct JournaledAccount: Sendable {
    enum SignUp: Sendable {
        /// Unanswered, or answered against the rules: the account may or may not exist.
        case unknown
        /// A 201, or a 409 to the loser of a sign-up race: the account exists.
        case acknowledged
        /// A cut-off sign-up that the consistency check found never stored.
        case absent
    }

    let email: String
    let password: String
    var signUp = SignUp.unknown
    /// Deliberate wrong passwords sent for this email, kept below the lockout.
    var failedLogins = 0
}

/// One session from an acknowledged login, with every pair it was handed.
struct JournaledSession: Sendable {
    enum State: Sendable {
        case live
        case loggedOut
        /// Ended by the server when a rotated-away refresh token came back.
        case revoked
        /// An answer broke the rules (already reported); nothing more is asserted.
        case unknown
    }

    /// A request that may change the session, sent and not yet answered.
    enum Pending: Sendable {
        case refresh
        case logOut
        /// A refresh with a token two rotations old, which ends the session.
        case reuse
    }

    let email: String
    /// Acknowledged pairs in the order the server handed them out; the last is current.
    var pairs: [TokenPair]
    var state = State.live
    var pending: Pending?

    var current: TokenPair { pairs[pairs.count - 1] }
}
