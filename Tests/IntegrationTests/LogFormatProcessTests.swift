import Foundation
import KomsTestSupport
import Testing

@Suite("Log lines of koms serve: JSON, levels, request ids")
struct LogFormatProcessTests {
    let databasePath = FileManager.default.temporaryDirectory
        .appendingPathComponent("koms-logs-\(UUID().uuidString).sqlite").path

    @Test("--log-format json writes one object a line, with the request's fields and numbers as numbers")
    func jsonLines() throws {
        let server = try ServerProcess(databasePath: databasePath, extraArguments: ["--log-format", "json"])
        let clientID = try #require(server.firstClientID)
        let http = try server.connect()
        let answer = try http.send(
            "GET",
            "/session",
            headers: [("x-koms-clientid", clientID), ("X-Request-Id", "trace-42:a.b_c")]
        )
        #expect(answer.status == 401)
        #expect(answer.header("X-Request-Id") == "trace-42:a.b_c")

        let line = try #require(server.waitForLogLine(containing: "trace-42", timeoutSeconds: 10))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "request")
        #expect(object["level"] as? String == "info")
        #expect((object["time"] as? String)?.hasSuffix("Z") == true)
        #expect(object["request_id"] as? String == "trace-42:a.b_c")
        #expect(object["route"] as? String == "/session")
        #expect(object["status"] as? Int == 401)
        #expect(object["duration_ms"] is Double || object["duration_ms"] is Int)
        #expect(object["client_id"] as? String == clientID)
        #expect(object["code"] as? String == "invalid_token")

        #expect(server.stop(with: SIGTERM) == 0)
        for line in server.logLines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "\(line)")
        }
    }

    @Test("--log-level notice leaves out the request lines and keeps start and stop")
    func levels() throws {
        let server = try ServerProcess(databasePath: databasePath, extraArguments: ["--log-level", "notice"])
        let http = try server.connect()
        #expect(try http.send("GET", "/healthz").status == 200)
        #expect(server.stop(with: SIGTERM) == 0)
        #expect(!server.logLines.contains { $0.contains(" request ") })
        #expect(server.logLines.contains { $0.contains("notice koms: stopped") })
    }

    @Test("an unknown --log-format is refused at start")
    func unknownFormat() throws {
        let (status, _) = try ServerProcess.run(["serve", "--log-format", "xml", "--database", databasePath])
        #expect(status == 64)
    }
}
