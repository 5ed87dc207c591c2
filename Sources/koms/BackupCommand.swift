import Foundation
import SQLiteStore

/// `koms backup FILE`: a copy of the database that stays consistent while
/// a server goes on writing to it.
enum BackupCommand {
    static let specs = [ServeOptions.databaseSpec]

    static let usageText = """
        usage: koms backup FILE [--database PATH]
        writes a consistent copy of the database to FILE, which must not exist
        options:
        \(usage(of: specs))
        """

    static func run(_ options: ParsedOptions) throws -> Int32 {
        guard options.positional.count == 1 else {
            throw UsageError(description: "expected one FILE to write the backup to")
        }
        guard case .sqlite(let path) = DatabaseLocation(options.string("--database") ?? "./koms.sqlite") else {
            throw UsageError(
                description: "koms backup copies SQLite databases; back up PostgreSQL with pg_dump or pg_basebackup"
            )
        }
        let summary = try SQLiteBackup.copy(database: path, to: options.positional[0])
        print("wrote \(summary.path): \(summary.bytes) bytes, \(summary.pages) pages")
        return 0
    }
}
