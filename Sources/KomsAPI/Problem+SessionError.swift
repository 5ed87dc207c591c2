import SessionCore

extension Problem {
    /// The answer for each refusal of the session rules. Internal failures
    /// get a generic detail: what went wrong is for the log, not the client.
    init(_ error: SessionError) {
        switch error {
        case .invalidClient:
            self = .unauthorized(
                code: "invalid_client",
                detail: "unknown or disabled client application",
                bearerError: "invalid_request"
            )
        case .invalidEmail(let reason):
            self = Problem(status: 400, code: "invalid_email", detail: reason)
        case .passwordTooShort:
            self = Problem(
                status: 400,
                code: "password_too_short",
                detail: "password must have at least \(CredentialPolicy.minimumPasswordCharacters) characters"
            )
        case .passwordTooLong:
            self = Problem(
                status: 400,
                code: "password_too_long",
                detail: "password must be at most \(CredentialPolicy.maximumPasswordBytes) bytes"
            )
        case .passwordEqualsEmail:
            self = Problem(status: 400, code: "password_equals_email", detail: "password must differ from the email")
        case .passwordTooGuessable(let reason):
            self = Problem(status: 400, code: "password_too_guessable", detail: Self.detail(reason))
        case .emailTaken:
            self = Problem(status: 409, code: "email_taken", detail: "an account with this email exists")
        case .invalidCredentials(let failure):
            self = .unauthorized(
                code: "invalid_credentials",
                detail: "invalid email or password",
                bearerError: "invalid_request"
            )
            reason = failure.rawValue
        case .invalidToken:
            self = .unauthorized(
                code: "invalid_token",
                detail: "the access token is not valid",
                bearerError: "invalid_token"
            )
        case .tokenExpired:
            self = .unauthorized(
                code: "token_expired",
                detail: "the access token has expired",
                bearerError: "invalid_token"
            )
        case .sessionExpired:
            self = .unauthorized(
                code: "session_expired",
                detail: "the session has expired: its deadline passed, or it went unused too long",
                bearerError: "invalid_token"
            )
        case .sessionRevoked:
            self = .unauthorized(
                code: "session_revoked",
                detail: "the session was ended because a refresh token was reused",
                bearerError: "invalid_token"
            )
        case .tooManyAttempts(let seconds):
            // The same answer for every email, registered or not.
            self = .tooManyRequests(
                code: "too_many_attempts",
                detail: "too many failed logins for this email, try again later",
                retryAfterSeconds: seconds
            )
        case .unavailable:
            self = .unavailable(code: "unavailable", detail: "the database is unavailable, try again shortly")
        case .damagedRecord:
            self = .unavailable(code: "unavailable", detail: "the account cannot be used now; the operator is told")
        case .internalFailure:
            self = Problem(status: 500, code: "internal_error", detail: "the server failed to handle the request")
        }
    }
}

extension Problem {
    /// The reason a chosen password is refused, in words a sign-up form can
    /// show, as NIST SP 800-63B asks.
    fileprivate static func detail(_ reason: GuessablePassword) -> String {
        switch reason {
        case .common:
            "password is too common: it, or a simple variation of it, is among the passwords attackers try first"
        case .repetitive:
            "password repeats one or two characters"
        case .sequential:
            "password is a run of consecutive characters"
        case .contextWords:
            "password is made of the email or the service's name with little else"
        }
    }
}
