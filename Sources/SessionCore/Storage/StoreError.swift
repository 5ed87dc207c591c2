/// Store failures the rules tell apart.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A user with this email key exists already.
    case duplicateEmail
    /// The database cannot take the request now (busy, locked, read-only,
    /// full, unreachable); retrying later may work.
    case unavailable(String)
    /// Anything else: a bug or a damaged database.
    case failure(String)

    public var description: String {
        switch self {
        case .duplicateEmail: "email already registered"
        case .unavailable(let reason): "database unavailable: \(reason)"
        case .failure(let reason): "database failure: \(reason)"
        }
    }
}
