/// The release of koms; `buildCommit` comes from the BuildCommit plugin.
enum Version {
    static let release = "0.1.0"

    /// `koms 0.1.0 (commit 1a2b3c4d5e6f)`
    static var description: String {
        "koms \(release) (commit \(buildCommit))"
    }
}
