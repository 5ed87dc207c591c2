import Foundation
import KomsTestSupport
import Testing

@Suite("The koms executable")
struct ProcessTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("koms-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var databasePath: String { directory.appendingPathComponent("koms.sqlite").path }

    @Test("kill -9 loses nothing acknowledged, and the restarted server has every user and session")
    func killNine() throws {
        let first = try ServerProcess(databasePath: databasePath)
        let clientID = try #require(first.firstClientID)
        let api = try first.apiClient(clientID: clientID)

        var acknowledged: [String] = []
        for index in 0..<10 {
            let email = "durable\(index)@example.com"
            if try api.signUp(email, "correct horse battery").status == 201 {
                acknowledged.append(email)
            }
        }
        let loggedIn = try TokenPair(try api.logIn(acknowledged[0], "correct horse battery"))
        let rotated = try TokenPair(try api.refresh(loggedIn))
        let ended = try TokenPair(try api.logIn(acknowledged[1], "correct horse battery"))
        #expect(try api.logOut(ended.access).status == 204)

        // Writes racing the kill: whatever was acknowledged must survive it.
        let racing = WriteLoad(servers: [first], clientID: clientID)
        racing.start()
        #expect(racing.waitForAnswers(201, more: 3, timeoutSeconds: 30))
        first.stop(with: SIGKILL)
        racing.finish()

        let second = try ServerProcess(databasePath: databasePath)
        let restarted = try second.apiClient(clientID: clientID)
        #expect(second.firstClientID == nil, "the existing client is kept, not registered again")
        try racing.expectAcknowledged(on: second, clientID: clientID)
        for email in acknowledged {
            #expect(try restarted.logIn(email, "correct horse battery").status == 200, "\(email)")
        }
        #expect(try restarted.readSession(rotated.access).status == 200)
        #expect(try restarted.readSession(loggedIn.access).status == 401)
        #expect(try restarted.readSession(ended.access).status == 401)
        #expect(try TokenPair(try restarted.refresh(rotated)).access != rotated.access)
    }

    @Test("SIGTERM stops the server cleanly with exit status 0, its database closed and checkpointed")
    func gracefulStop() throws {
        let server = try ServerProcess(databasePath: databasePath)
        let clientID = try #require(server.firstClientID)
        _ = try server.apiClient(clientID: clientID).newSession(email: "closed@example.com")
        #expect(server.stop(with: SIGTERM) == 0)
        #expect(server.logLines.contains { $0.contains("stopping") && $0.contains("signal=SIGTERM") })
        #expect(server.logLines.last?.contains("stopped") == true)
        #expect(!FileManager.default.fileExists(atPath: databasePath + "-wal"), "the last connection removes the WAL")
    }

    @Test("SIGTERM lets a login under way finish before the server stops")
    func stopFinishesRequests() throws {
        let server = try ServerProcess(
            databasePath: databasePath,
            extraArguments: ["--argon2-iterations", "4", "--argon2-memory-kib", "65536"]
        )
        let clientID = try #require(server.firstClientID)
        let api = try server.apiClient(clientID: clientID)
        #expect(try api.signUp("late@example.com", "correct horse battery").status == 201)

        let login = try server.connect()
        let body = #"{"account_type":"traditional","email":"late@example.com","password":"correct horse battery"}"#
        try login.writeRaw(
            Array(
                ("POST /session HTTP/1.1\r\nHost: x\r\nx-koms-clientid: \(clientID)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)").utf8
            )
        )
        // Long enough for the request to reach the hashing pool; the hash
        // itself takes several times longer at these parameters.
        Thread.sleep(forTimeInterval: 0.1)
        kill(server.process.processIdentifier, SIGTERM)

        #expect(try login.readResponse().status == 200)
        #expect(server.stop(with: SIGTERM) == 0)
    }

    @Test("the log has one line per request and never a token or a password")
    func logHygiene() throws {
        let server = try ServerProcess(databasePath: databasePath)
        let clientID = try #require(server.firstClientID)
        let api = try server.apiClient(clientID: clientID)
        let password = "a very secret passphrase"
        _ = try api.signUp("logs@example.com", password)
        let pair = try TokenPair(try api.logIn("logs@example.com", password))
        let rotated = try TokenPair(try api.refresh(pair))
        _ = try api.readUser(rotated.access)
        _ = try api.logOut(rotated.access)
        server.stop(with: SIGTERM)

        let requestLines = server.logLines.filter { $0.contains(" request ") }
        #expect(requestLines.count == 5)
        for line in requestLines {
            for field in ["request_id=", "method=", "path=", "status=", "duration_ms="] {
                #expect(line.contains(field), "\(line)")
            }
        }
        for secret in [password, pair.access, pair.refresh, rotated.access, rotated.refresh] {
            #expect(!server.logLines.contains { $0.contains(secret) })
        }
    }

    @Test("koms client add, list and disable work on a running server's database")
    func clientCommands() throws {
        let server = try ServerProcess(databasePath: databasePath)
        let (addStatus, addOutput) = try ServerProcess.run([
            "client", "add", "mobile", "--access-ttl", "60", "--database", databasePath,
        ])
        #expect(addStatus == 0)
        let clientID = addOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!clientID.isEmpty)

        let (webStatus, _) = try ServerProcess.run([
            "client", "add", "web", "--origin", "https://App.Example", "--origin", "http://localhost:3000",
            "--database", databasePath,
        ])
        #expect(webStatus == 0)
        #expect(
            try ServerProcess.run(["client", "add", "bad", "--origin", "app.example", "--database", databasePath]).0
                == 1
        )

        let (listStatus, listOutput) = try ServerProcess.run(
            ["client", "list"],
            environment: ["KOMS_DATABASE": databasePath]
        )
        #expect(listStatus == 0)
        let row = listOutput.split(separator: "\n").first { $0.contains(clientID) }
        #expect(row?.contains("mobile") == true)
        #expect(row?.contains("60") == true)
        let webRow = listOutput.split(separator: "\n").first { $0.contains(" web ") }
        #expect(webRow?.contains("https://app.example,http://localhost:3000") == true)

        let api = try server.apiClient(clientID: clientID)
        let pair = try api.newSession()
        #expect(pair.expiresIn == 60)

        let (disableStatus, _) = try ServerProcess.run(["client", "disable", clientID, "--database", databasePath])
        #expect(disableStatus == 0)
        #expect(try api.readSession(pair.access).code == "invalid_client")
        #expect(try ServerProcess.run(["client", "disable", "no-such-id", "--database", databasePath]).0 == 1)
    }

    @Test("flags are also read from KOMS_ environment variables")
    func environmentSettings() throws {
        let server = try ServerProcess(databasePath: databasePath, environment: ["KOMS_ACCESS_TTL": "120"])
        let clientID = try #require(server.firstClientID)
        let api = try server.apiClient(clientID: clientID)
        #expect(try api.newSession().expiresIn == 120)
    }

    @Test("koms version prints the release and the commit the binary was built from")
    func version() throws {
        let (status, output) = try ServerProcess.run(["version"])
        #expect(status == 0)
        let match = try #require(
            output.trimmingCharacters(in: .whitespacesAndNewlines)
                .wholeMatch(of: /koms \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}(-modified)?|unknown)\)/)
        )
        let checkout = Process()
        checkout.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        checkout.arguments = [
            "git", "-C", URL(fileURLWithPath: #filePath).deletingLastPathComponent().path,
            "rev-parse", "--short=12", "HEAD",
        ]
        let pipe = Pipe()
        checkout.standardOutput = pipe
        checkout.standardError = FileHandle.nullDevice
        try checkout.run()
        let head = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        checkout.waitUntilExit()
        if checkout.terminationStatus == 0 {
            #expect(match.1.hasPrefix(head), "built from \(match.1), the checkout is at \(head)")
        }
    }

    @Test("koms help and koms serve --help list the commands and flags")
    func help() throws {
        let (status, general) = try ServerProcess.run(["help"])
        #expect(status == 0)
        #expect(general.contains("serve") && general.contains("client"))

        let (serveStatus, serve) = try ServerProcess.run(["serve", "--help"])
        #expect(serveStatus == 0)
        for flag in [
            "--host", "--port", "--database", "--access-ttl", "--refresh-ttl", "--argon2-memory-kib", "KOMS_PORT",
        ] {
            #expect(serve.contains(flag), "\(flag)")
        }
        #expect(try ServerProcess.run(["serve", "--no-such-flag"]).0 == 64)
    }
}
