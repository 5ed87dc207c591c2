import Foundation
import Testing

@Suite("koms backup: a consistent copy of a running server's database")
struct BackupTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("koms-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var databasePath: String { directory.appendingPathComponent("koms.sqlite").path }
    var backupPath: String { directory.appendingPathComponent("backup.sqlite").path }

    @Test("a backup taken during load opens alone and holds every session acknowledged before it started")
    func backupDuringLoad() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try ServerProcess(databasePath: databasePath)
        let clientID = try #require(server.firstClientID)
        let load = MixedWorkload(
            target: LoadTarget(port: server.port, clientID: clientID, secrets: server.secrets),
            workers: 4,
            requestsPerWorker: 1_500
        )

        var backup: Result<(Int32, String), any Error>?
        let report = load.run(midwayAfter: 3_000) {
            backup = Result { try ServerProcess.run(["backup", backupPath, "--database", databasePath]) }
        }
        print("backup load: \(report.tally.summary); \(report.answersAfterMidway) answers after the backup")
        let (status, output) = try #require(try backup?.get())
        #expect(status == 0)
        #expect(output.contains("wrote \(backupPath)"), "\(output)")
        #expect(report.answersAfterMidway > 0, "the load went on after the backup")
        #expect(report.tally.serverErrors == 0)
        #expect(report.tally.violations.isEmpty, "\(report.tally.violations)")

        // The backup alone, in a folder of its own: nothing beside it is needed.
        #expect(!FileManager.default.fileExists(atPath: backupPath + "-wal"))
        let restored = directory.appendingPathComponent("restored")
        try FileManager.default.createDirectory(at: restored, withIntermediateDirectories: true)
        let restoredPath = restored.appendingPathComponent("koms.sqlite").path
        try FileManager.default.copyItem(atPath: backupPath, toPath: restoredPath)
        #expect(try SQLiteShell.query(restoredPath, "PRAGMA journal_mode;") == "delete")
        #expect(try SQLiteShell.query(restoredPath, "PRAGMA integrity_check;") == "ok")

        let second = try ServerProcess(databasePath: restoredPath)
        #expect(second.firstClientID == nil, "the backup holds the client application")
        let check = try BackupCheck(target: LoadTarget(port: second.port, clientID: clientID))
            .run(before: report.journalsBeforeMidway, after: report.journals)
        print("backup check: \(check.summary)")
        #expect(check.outcomes["sessions live at the backup", default: 0] >= 10, "the backup had sessions to hold")
        #expect(check.violations.isEmpty, "\(check.violations)")
    }

    @Test("koms backup refuses a FILE that exists, and leaves it as it was")
    func refusesExistingFile() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try ServerProcess(databasePath: databasePath)
        let api = try server.apiClient(clientID: try #require(server.firstClientID))
        _ = try api.newSession()
        #expect(try ServerProcess.run(["backup", backupPath], environment: ["KOMS_DATABASE": databasePath]).0 == 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: backupPath))

        _ = try api.newSession()
        let again = try ServerProcess.runReadingErrors(["backup", backupPath, "--database", databasePath])
        #expect(again.status == 1)
        #expect(again.errors.contains("koms: \(backupPath) exists already, and a backup never replaces a file"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: backupPath)) == first)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasPrefix("backup.sqlite") && $0 != "backup.sqlite"
        }
        #expect(leftovers.isEmpty, "no partial copy stays behind: \(leftovers)")
    }

    @Test("koms backup of a missing database fails with exit status 1 and creates nothing; no FILE is a usage error")
    func missingDatabase() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let failed = try ServerProcess.runReadingErrors(["backup", backupPath, "--database", databasePath])
        #expect(failed.status == 1)
        #expect(failed.errors.contains("koms: no database at \(databasePath)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)

        #expect(try ServerProcess.run(["backup", "--database", databasePath]).0 == 64)
        let postgres = try ServerProcess.runReadingErrors(["backup", backupPath, "--database", "postgresql://db/koms"])
        #expect(postgres.status == 64)
        #expect(postgres.errors.contains { $0.contains("pg_dump") })
    }

    /// SQLite shows other processes that a database is in use by a shared
    /// lock on byte 128 of its `-shm` file. Should the server lose it, the
    /// next process to open the database, a backup for one, would take
    /// itself for the first and truncate the file under the server's
    /// mappings, which crashes the server.
    @Test("the running server holds the lock that shows other processes its WAL index is in use")
    func serverHoldsWALIndexLock() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try ServerProcess(databasePath: databasePath)
        _ = try server.apiClient(clientID: try #require(server.firstClientID)).newSession()
        let inode = try #require(
            (try FileManager.default.attributesOfItem(atPath: databasePath + "-shm"))[.systemFileNumber] as? NSNumber
        )
        let locks = try String(contentsOfFile: "/proc/locks", encoding: .utf8)
        let held = locks.split(separator: "\n").contains { line in
            guard let match = line.firstMatch(of: /POSIX +ADVISORY +READ +(\d+) +[0-9a-f]+:[0-9a-f]+:(\d+) 128 128$/)
            else { return false }
            return Int32(match.1) == server.process.processIdentifier && UInt64(match.2) == inode.uint64Value
        }
        #expect(held, "no shared lock of the server on byte 128 of the -shm file")
        #expect(try ServerProcess.run(["backup", backupPath, "--database", databasePath]).0 == 0)
        #expect(server.process.isRunning)
    }
}
