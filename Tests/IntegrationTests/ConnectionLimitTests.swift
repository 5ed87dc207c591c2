import Foundation
import KomsTestSupport
import Testing

@Suite("Connection and header limits")
struct ConnectionLimitTests {
    let databasePath = FileManager.default.temporaryDirectory
        .appendingPathComponent("koms-limits-\(UUID().uuidString).sqlite").path

    @Test(
        "connections beyond the per-address limit are closed; other addresses are still served",
        arguments: [(limit: 4, arguments: ["--max-connections-per-address", "4"]), (limit: 32, arguments: [])]
    )
    func perAddressLimit(limit: Int, arguments: [String]) throws {
        let server = try ServerProcess(databasePath: databasePath, extraArguments: arguments)
        let held = try (0..<limit).map { _ in
            try HTTPTestClient(host: "127.0.0.1", port: server.port, sourceAddress: "127.0.0.7")
        }
        for connection in held {
            #expect(try connection.send("GET", "/ping").status == 200)
        }

        let extra = try HTTPTestClient(host: "127.0.0.1", port: server.port, sourceAddress: "127.0.0.7")
        #expect(throws: HTTPTestClientError.self) { try extra.send("GET", "/ping") }

        let other = try HTTPTestClient(host: "127.0.0.1", port: server.port, sourceAddress: "127.0.0.8")
        #expect(try other.send("GET", "/ping").status == 200)

        held[0].close()
        Thread.sleep(forTimeInterval: 0.2)
        let again = try HTTPTestClient(host: "127.0.0.1", port: server.port, sourceAddress: "127.0.0.7")
        #expect(try again.send("GET", "/ping").status == 200, "a freed slot is usable again")
    }

    @Test("a header block over the connection memory gets 431 or a closed connection, and the server goes on")
    func oversizedHeaders() throws {
        let server = try ServerProcess(
            databasePath: databasePath,
            extraArguments: ["--connection-memory-bytes", "8192"]
        )
        let client = try server.connect()
        let huge = String(repeating: "a", count: 16 * 1024)
        do {
            let response = try client.send("GET", "/ping", headers: [("X-Padding", huge)])
            #expect(response.status == 431)
        } catch {
            #expect(client.waitForClose(timeoutSeconds: 5))
        }
        #expect(try server.connect().send("GET", "/ping").status == 200)
    }

    @Test("an idle connection is closed after the connection timeout")
    func idleTimeout() throws {
        let server = try ServerProcess(databasePath: databasePath, extraArguments: ["--connection-timeout", "1"])
        let idle = try server.connect()
        try idle.writeRaw(Array("GET /ping HTTP/1.1\r\nHost: x\r\n".utf8))
        #expect(idle.waitForClose(timeoutSeconds: 10))
    }
}
