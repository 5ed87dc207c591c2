import Foundation
import KomsTestSupport
import Testing

@Suite("koms copy", .serialized)
struct StoreCopyTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("koms-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    @Test("SQLite to PostgreSQL keeps every session: the old tokens work and refresh there, and nothing doubles")
    func sqliteToPostgres() throws {
        let sqlitePath = directory.appendingPathComponent("koms.sqlite").path
        let source = try ServerProcess(databasePath: sqlitePath, extraArguments: ["--refresh-grace", "300"])
        let clientID = try #require(source.firstClientID)
        let api = try source.apiClient(clientID: clientID)
        var sessions: [TokenPair] = []
        for index in 0..<5 {
            sessions.append(try api.newSession(email: "moving\(index)@example.com"))
        }
        let rotated = try TokenPair(try api.refresh(sessions[0]))
        let ended = sessions.removeLast()
        #expect(try api.logOut(ended.access).status == 204)
        source.stop(with: SIGTERM)

        let cluster = try PostgresCluster.start()
        let (status, report) = try ServerProcess.run(["copy", "--from", sqlitePath, "--to", cluster.url])
        #expect(status == 0)
        #expect(report.contains("1 of 1 clients, 5 of 5 users, 4 of 4 live sessions"), "\(report)")

        let again = try ServerProcess.run(["copy", "--from", sqlitePath, "--to", cluster.url])
        #expect(again.0 == 1, "a target with users is refused without --merge")
        let merged = try ServerProcess.run(["copy", "--from", sqlitePath, "--to", cluster.url, "--merge"])
        #expect(merged.0 == 0)
        #expect(merged.1.contains("0 of 1 clients, 0 of 5 users, 0 of 4 live sessions"), "\(merged.1)")

        let target = try ServerProcess(databasePath: cluster.url, extraArguments: ["--refresh-grace", "300"])
        #expect(target.firstClientID == nil, "the copied client is there")
        let moved = try target.apiClient(clientID: clientID)
        #expect(try moved.readSession(rotated.access).status == 200)
        #expect(try moved.readSession(sessions[0].access).status == 401, "the rotated-away token stays rotated away")
        #expect(try moved.readSession(ended.access).status == 401, "a logged-out session is not revived")
        for tokens in sessions.dropFirst() {
            #expect(try moved.readUser(tokens.access).status == 200)
            let refreshed = try TokenPair(try moved.refresh(tokens))
            #expect(try moved.readSession(refreshed.access).status == 200)
        }
        #expect(try moved.refresh(sessions[0]).status == 200, "a retry of the last refresh, within its grace period")
        #expect(try moved.logIn("moving1@example.com", "correct horse battery").status == 200)
    }

    @Test("on a terminal, a progress line is redrawn in place; in a pipe, only the counts are printed")
    func progressLine() throws {
        let sourcePath = directory.appendingPathComponent("source.sqlite").path
        let source = try ServerProcess(databasePath: sourcePath)
        let api = try source.apiClient(clientID: try #require(source.firstClientID))
        _ = try api.newSession()
        source.stop(with: SIGTERM)

        let piped = try ServerProcess.run(
            ["copy", "--from", sourcePath, "--to", directory.appendingPathComponent("piped.sqlite").path]
        )
        #expect(piped.0 == 0)
        #expect(piped.1 == "copied 1 of 1 clients, 1 of 1 users, 1 of 1 live sessions\n")

        // script(1) runs the command on a pseudo-terminal and copies what it wrote.
        let command = [
            ServerProcess.binary.path, "copy", "--from", sourcePath, "--to",
            directory.appendingPathComponent("terminal.sqlite").path,
        ].joined(separator: " ")
        let script = Process()
        script.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        script.arguments = ["--quiet", "--return", "--command", command, "/dev/null"]
        let pipe = Pipe()
        script.standardOutput = pipe
        try script.run()
        let shown = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        script.waitUntilExit()
        #expect(script.terminationStatus == 0)
        #expect(shown.contains("\r\u{1B}[Kcopied 1 of 1 clients, 0 of 0 users"), "\(shown.debugDescription)")
        #expect(shown.hasSuffix("copied 1 of 1 clients, 1 of 1 users, 1 of 1 live sessions\r\n"))
    }
}
