internal import Foundation

/// Where the PostgreSQL server programs are: Debian keeps each major
/// version in /usr/lib/postgresql/VERSION/bin, off the PATH, so the highest
/// version there wins, and `pg_config --bindir` answers elsewhere.
struct PostgresBinaries: Sendable {
    let directory: String

    func path(_ program: String) -> String { "\(directory)/\(program)" }

    /// Located once per test process.
    static func located() throws(PostgresClusterError) -> PostgresBinaries {
        try cached.get()
    }

    private static let cached = Result { () throws(PostgresClusterError) -> PostgresBinaries in
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let newest = versions.compactMap(Int.init).sorted(by: >).map { "\(root)/\($0)/bin" }
        if let directory = newest.first(where: { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }) {
            return PostgresBinaries(directory: directory)
        }
        let bindir = try Command(executable: "/usr/bin/env", arguments: ["pg_config", "--bindir"]).check()
        return PostgresBinaries(directory: bindir)
    }
}
