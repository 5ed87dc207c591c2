import Foundation
import KomsTestSupport
import Testing

@Suite("Slow clients do not starve the others")
struct SlowClientTests {
    /// The server allows 32 connections per address, so the slow ones
    /// spread over 127.0.0.2 to 127.0.0.9, 25 each.
    static let slowAddresses = (2...9).map { "127.0.0.\($0)" }

    @Test("200 connections dribbling header bytes leave GET /ping from another address answered within 1 s")
    func slowloris() throws {
        let server = try TestServer()
        let slow = try (0..<200).map { index in
            let http = try HTTPTestClient(port: server.server.port, sourceAddress: Self.slowAddresses[index % 8])
            try http.writeRaw(Array("GET /ping HTTP/1.1\r\nHost: koms\r\nX-Slow: ".utf8))
            return http
        }
        defer { slow.forEach { $0.close() } }

        let keptAlive = try server.connect()
        for round in 0..<8 {
            for http in slow where http.isConnected {
                try http.writeRaw([UInt8(ascii: "a")])
            }
            // Alternate a fresh connection (accepting is not starved) with a
            // kept-alive one (the event loop is not starved).
            let started = ContinuousClock.now
            let status = Result {
                try (round.isMultiple(of: 2) ? server.connect() : keptAlive).send("GET", "/ping").status
            }
            let elapsed = ContinuousClock.now - started
            #expect((try? status.get()) == 200, "round \(round): \(status)")
            #expect(elapsed < .seconds(1), "round \(round): GET /ping took \(elapsed)")
            Thread.sleep(forTimeInterval: 0.1)
        }

        let stillOpen = slow.filter(\.isConnected)
        #expect(stillOpen.count == 200, "the server kept every slow connection within its 30 s idle timeout")
        for (index, http) in stillOpen.enumerated() {
            let status = Result {
                try http.writeRaw(Array("\r\n\r\n".utf8))
                return try http.readResponse().status
            }
            #expect((try? status.get()) == 200, "slow client \(index), finishing its request: \(status)")
        }
    }
}
