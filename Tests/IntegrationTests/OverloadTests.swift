import Foundation
import KomsTestSupport
import Sodium
import Testing

@Suite("A full hashing queue answers 503 while token checks go on")
struct OverloadTests {
    @Test("logins beyond the hashing thread and its queue get 503 with Retry-After; token checks still answer")
    func hashingQueueFull() throws {
        let server = try TestServer(
            hashWorkers: 1,
            hashQueue: 1,
            argon2: Argon2idParameters(iterations: 3, memoryBytes: 32 * 1024 * 1024)
        )
        let api = try APIClient(server)
        let pair = try api.newSession(email: "busy@example.com")

        // Every login request is on the wire before any answer is read, so
        // they reach the single hashing thread together.
        let logins = try (0..<6).map { index -> HTTPTestClient in
            let connection = try server.connect(from: "127.0.0.\(20 + index)")
            let body =
                #"{"account_type":"traditional","email":"load-\#(index)@example.com","password":"wrong horse battery"}"#
            try connection.writeRaw(
                Array(
                    ("POST /session HTTP/1.1\r\nHost: x\r\n\(TestServer.clientHeader): \(server.clientID)\r\n"
                        + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)").utf8
                )
            )
            return connection
        }
        #expect(try api.readSession(pair.access).status == 200)

        let answers = try logins.map { try $0.readResponse() }
        let shed = answers.filter { $0.status == 503 }
        #expect(!shed.isEmpty)
        #expect(answers.allSatisfy { $0.status == 503 || $0.status == 401 })
        for answer in shed {
            #expect(answer.code == "overloaded")
            #expect(answer.header("Retry-After") == "1")
        }
    }
}
