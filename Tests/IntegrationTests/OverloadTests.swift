import Foundation
import KomsTestSupport
import Sodium
import Testing

@Suite("Full worker queues answer 503 while token checks go on")
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

    @Test("a refresh waiting for its commit holds no event thread: token checks and pings go on meanwhile")
    func pendingWriteHoldsNoThread() throws {
        let server = try TestServer(busyTimeoutMilliseconds: 3000)
        let api = try APIClient(server)
        let pair = try api.newSession(email: "waiting@example.com")

        // Another process holds the write lock, so the refreshes below wait
        // in the writer until it is released.
        let holder = try DatabaseLockHolder(databasePath: server.databasePath)
        try holder.begin()
        let waiting = try (0..<4).map { _ -> HTTPTestClient in
            let connection = try server.connect()
            let body = #"{"refresh_token":"\#(pair.refresh)"}"#
            try connection.writeRaw(
                Array(
                    ("PUT /session HTTP/1.1\r\nHost: x\r\n\(TestServer.clientHeader): \(server.clientID)\r\n"
                        + "Authorization: Bearer \(pair.access)\r\nContent-Type: application/json\r\n"
                        + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)").utf8
                )
            )
            return connection
        }
        // More waiting writes than event threads, and still every check is answered.
        for _ in 0..<20 {
            #expect(try api.readSession(pair.access).status == 200)
        }

        try holder.commit()
        holder.close()
        let answers = try waiting.map { try TokenPair(try $0.readResponse()) }
        #expect(Set(answers.map(\.access)).count == 1, "the racing refreshes share one rotation")
    }
}
