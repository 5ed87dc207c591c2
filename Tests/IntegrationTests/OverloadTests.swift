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

    @Test("writes beyond the write threads and their queue get 503 with Retry-After; the first still commits")
    func writeQueueFull() throws {
        let server = try TestServer(writeWorkers: 1, writeQueue: 0, busyTimeoutMilliseconds: 3000)
        let api = try APIClient(server)
        let first = try api.newSession(email: "first@example.com")
        let second = try api.newSession(email: "second@example.com")

        // Another process holds the write lock, so the first refresh keeps
        // the only write thread waiting until it is released.
        let holder = try DatabaseLockHolder(databasePath: server.databasePath)
        try holder.begin()
        let waiting = try server.connect()
        let body = #"{"refresh_token":"\#(first.refresh)"}"#
        try waiting.writeRaw(
            Array(
                ("PUT /session HTTP/1.1\r\nHost: x\r\n\(TestServer.clientHeader): \(server.clientID)\r\n"
                    + "Authorization: Bearer \(first.access)\r\nContent-Type: application/json\r\n"
                    + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)").utf8
            )
        )
        let deadline = ContinuousClock.now + .seconds(10)
        while server.writePool.depth == 0 && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(server.writePool.depth == 1, "the first refresh holds the write thread")

        let refused = try api.refresh(second)
        #expect(refused.status == 503)
        #expect(refused.code == "overloaded")
        #expect(refused.header("Retry-After") == "1")

        try holder.commit()
        holder.close()
        #expect(try waiting.readResponse().status == 200)
        // The thread counts as busy until its job returns, a moment after the answer.
        while server.writePool.depth > 0 && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(try api.refresh(second).status == 200, "the shed refresh changed nothing")
    }
}
