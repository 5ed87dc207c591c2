import Foundation
import Testing

@testable import SQLiteStore

@Suite("SQLite backup")
struct SQLiteBackupTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("koms-backup-\(UUID().uuidString)")

    /// The number a query answers, from a connection such as the store's,
    /// which turns the file to WAL mode.
    func number(_ sql: String, in path: String) throws -> Int64 {
        let connection = try SQLiteConnection(path: path, busyTimeoutMilliseconds: 1000)
        var number: Int64 = -1
        try connection.statement(sql).query([]) { row throws(SQLiteError) in number = row.integer(0) }
        return number
    }

    @Test("a backup holds the commits still in the WAL, and opens alone in rollback-journal mode")
    func walCommits() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("koms.sqlite").path
        let store = try SQLiteSessionStore(path: source, connections: 1)
        defer { store.close() }
        try store.write { connection throws(SQLiteError) in
            try connection.execute("INSERT INTO clients (id, name, created_at) VALUES ('in-the-wal', 'x', 0)")
        }

        // The main file alone lacks the commits, down to the schema: only the WAL has them.
        let mainFileAlone = directory.appendingPathComponent("main-file-alone.sqlite").path
        try FileManager.default.copyItem(atPath: source, toPath: mainFileAlone)
        #expect(try number("SELECT count(*) FROM sqlite_schema WHERE name = 'clients'", in: mainFileAlone) == 0)

        let target = directory.appendingPathComponent("backup.sqlite").path
        let summary = try SQLiteBackup.copy(database: source, to: target)
        #expect(summary.pages > 0)
        #expect(
            summary.bytes == (try FileManager.default.attributesOfItem(atPath: target)[.size] as? NSNumber)?.intValue
        )
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.filter { $0.hasPrefix("backup.sqlite") } == ["backup.sqlite"], "\(files)")
        let header = try Data(contentsOf: URL(fileURLWithPath: target)).prefix(20)
        #expect(Array(header[18...19]) == [1, 1], "file format versions 1: a rollback journal, not a WAL")
        #expect(try number("SELECT count(*) FROM clients WHERE id = 'in-the-wal'", in: target) == 1)
    }
}
