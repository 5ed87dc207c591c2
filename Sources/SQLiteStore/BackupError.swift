/// Why a backup was not written. Whatever the reason, the target's name is
/// left as it was: free, or holding the file that was there before.
public enum BackupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file has the target's name. A backup never replaces one: it may be
    /// the last good copy.
    case targetExists(String)
    /// There is no database at the source path.
    case sourceMissing(String)
    /// SQLite could not read the source or write the copy.
    case database(String)
    /// The copy failed its integrity check, with SQLite's report.
    case copyDamaged(String)
    /// A file operation around the copy failed: which, and why.
    case file(String)

    public var description: String {
        switch self {
        case .targetExists(let path): "\(path) exists already, and a backup never replaces a file"
        case .sourceMissing(let path): "no database at \(path)"
        case .database(let reason): "backup failed: \(reason)"
        case .copyDamaged(let report): "the copy failed its integrity check: \(report)"
        case .file(let reason): "backup failed: \(reason)"
        }
    }
}
