import Sodium

/// Where a presented refresh token stands in the session its family key found.
enum RefreshTokenMatch {
    /// It is the session's current one.
    case current(SessionRecord)
    /// It is the one rotated away last.
    case previous(SessionRecord)
    /// It belongs to the session but was rotated away longer ago, or was
    /// never issued: either way the family's key is in other hands.
    case retired(SessionRecord)

    init(_ presentedHash: [UInt8], in session: SessionRecord) {
        if ConstantTime.equal(presentedHash, session.refreshTokenHash) {
            self = .current(session)
        } else if let previous = session.previous, ConstantTime.equal(presentedHash, previous.refreshTokenHash) {
            self = .previous(session)
        } else {
            self = .retired(session)
        }
    }
}
