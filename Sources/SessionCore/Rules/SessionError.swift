/// Every way a session operation can be refused. The HTTP layer maps each
/// case to a status and a stable code; the rules never mention HTTP.
public enum SessionError: Error, Equatable, Sendable {
    /// The client id is missing, unknown or disabled.
    case invalidClient
    case invalidEmail(String)
    case passwordTooShort
    case passwordTooLong
    case passwordEqualsEmail
    /// A password that attackers try first; the case says why.
    case passwordTooGuessable(GuessablePassword)
    case emailTaken
    /// Unknown email or wrong password: one answer for both, whose reason
    /// only the log shows.
    case invalidCredentials(CredentialFailure)
    /// A token that is unknown, not the session's current one, or another client's.
    case invalidToken
    /// The session's current access token, past its lifetime.
    case tokenExpired
    /// The refresh deadline fixed at login has passed.
    case sessionExpired
    /// A rotated-away refresh token came back; the session is gone.
    case sessionRevoked
    /// Too many failed logins for this email; the next may come after the delay.
    case tooManyAttempts(retryAfterSeconds: Int)
    /// The store cannot serve now (the reason is for the log); the request
    /// may be retried.
    case unavailable(String)
    /// A stored record the rules refuse to act on, such as a password hash
    /// whose cost is far beyond the configured one; details go to the log.
    case damagedRecord(String)
    /// A bug or a damaged database; details go to the log, not the client.
    case internalFailure(String)
}

/// Why a login failed, for the operator's log; the client hears the same
/// answer either way, so that it cannot tell which emails are registered.
public enum CredentialFailure: String, Sendable {
    case unknownEmail = "unknown_email"
    case wrongPassword = "wrong_password"
}

extension SessionError {
    init(_ error: StoreError) {
        switch error {
        case .duplicateEmail: self = .emailTaken
        case .unavailable(let reason): self = .unavailable(reason)
        case .failure(let reason): self = .internalFailure(reason)
        }
    }
}
