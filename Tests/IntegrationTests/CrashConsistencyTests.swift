import Foundation
import Testing

@Suite("Crash consistency: kill -9 in the middle of a mixed load")
struct CrashConsistencyTests {
    /// The longest grace period the server takes, so that a refresh cut off
    /// by the kill can still be repeated after the restart on a slow machine.
    /// (ServerProcess already turns the per-address limits off.)
    static let serverArguments = ["--refresh-grace", "300"]
    /// Answers before each kill: three rounds, each cut off at another point.
    static let killPoints = [6_000, 2_500, 4_500]

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("koms-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var databasePath: String { directory.appendingPathComponent("koms.sqlite").path }

    @Test("after each kill -9 mid-load and restart, every acknowledged change holds and no session has two live tokens")
    func killNineMidLoad() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var server = try ServerProcess(databasePath: databasePath, extraArguments: Self.serverArguments)
        let clientID = try #require(server.firstClientID)
        var journals: [WorkerJournal] = []

        for (round, killPoint) in Self.killPoints.enumerated() {
            // Clients carry on with the accounts and tokens of the rounds before.
            let load = MixedWorkload(
                target: LoadTarget(port: server.port, clientID: clientID, secrets: server.secrets),
                requestsPerWorker: 5_000,
                journals: journals,
                round: round
            )
            let report = load.run(killingAfter: killPoint) { server.stop(with: SIGKILL) }
            print("crash round \(round) load: \(report.tally.summary); \(report.interruptedWorkers) threads cut off")
            #expect(report.interruptedWorkers > 0, "the kill came in the middle of the load")
            #expect(report.tally.serverErrors == 0)
            #expect(report.tally.violations.isEmpty, "\(report.tally.violations)")

            server = try ServerProcess(databasePath: databasePath, extraArguments: Self.serverArguments)
            #expect(server.firstClientID == nil, "the existing client is kept")
            let check = ConsistencyCheck(target: LoadTarget(port: server.port, clientID: clientID)).run(report.journals)
            print("crash round \(round) check: \(check.tally.summary)")
            #expect(check.tally.serverErrors == 0)
            #expect(check.tally.violations.isEmpty, "\(check.tally.violations)")
            #expect(try SQLiteShell.query(databasePath, "PRAGMA integrity_check;") == "ok")
            journals = check.journals
        }
        #expect(server.stop(with: SIGTERM) == 0)

        #expect(try SQLiteShell.query(databasePath, "PRAGMA integrity_check;") == "ok")
        #expect(try SQLiteShell.query(databasePath, "PRAGMA foreign_key_check;") == "")
        #expect(journals.unknownSignUps == 0, "the checks settled every cut-off sign-up")
        let users = try SQLiteShell.query(databasePath, "SELECT count(*) FROM users;")
        #expect(users == String(journals.acknowledgedSignUps), "exactly the acknowledged sign-ups are stored")
    }
}
