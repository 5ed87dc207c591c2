import Foundation
import KomsTestSupport
import Testing

/// PostgreSQL going away under load, and coming back, by itself or as a
/// promoted standby.
@Suite("PostgreSQL outages", .serialized)
struct DatabaseOutageTests {
    @Test("while PostgreSQL is down requests answer 503; it recovers by itself and loses nothing acknowledged")
    func stopAndStart() throws {
        let cluster = try PostgresCluster.start()
        let server = try ServerProcess(databasePath: cluster.url, extraArguments: ["--refresh-grace", "300"])
        let clientID = try #require(server.firstClientID)
        let load = WriteLoad(servers: [server], clientID: clientID)
        load.start()
        #expect(load.waitForAnswers(201, more: 20, timeoutSeconds: 30))

        try cluster.stop(mode: .immediate)
        #expect(load.waitForAnswers(503, more: 10, timeoutSeconds: 30), "statuses: \(load.statuses)")
        let api = try server.apiClient(clientID: clientID)
        let ready = try api.http.send("GET", "/readyz")
        #expect(ready.status == 503)

        try cluster.start()
        #expect(load.waitForAnswers(201, more: 20, timeoutSeconds: 30), "no recovery: \(load.statuses)")
        load.finish()

        #expect(try api.http.send("GET", "/readyz").status == 200)
        #expect(Set(load.statuses.keys).isSubset(of: [200, 201, 503]), "statuses: \(load.statuses)")
        try load.expectAcknowledged(on: server, clientID: clientID)
    }

    @Test("a killed primary is replaced by its promoted synchronous standby, and no acknowledged write is lost")
    func failover() throws {
        let primary = try PostgresCluster.start()
        let standby = try primary.makeSynchronousStandby()
        let url =
            "postgresql://\(PostgresCluster.user)@\(primary.host):\(primary.port),\(standby.host):\(standby.port)"
            + "/\(PostgresCluster.database)?target_session_attrs=read-write&connect_timeout=2"
        let first = try ServerProcess(databasePath: url, extraArguments: ["--refresh-grace", "300"])
        let second = try ServerProcess(databasePath: url, extraArguments: ["--refresh-grace", "300"])
        let clientID = try #require(first.firstClientID)
        let load = WriteLoad(servers: [first, second], clientID: clientID)
        load.start()
        #expect(load.waitForAnswers(201, more: 20, timeoutSeconds: 30))

        try primary.kill()
        #expect(load.waitForAnswers(503, more: 5, timeoutSeconds: 30), "statuses: \(load.statuses)")
        try standby.promote()
        #expect(load.waitForAnswers(201, more: 20, timeoutSeconds: 60), "no recovery: \(load.statuses)")
        load.finish()

        #expect(Set(load.statuses.keys).isSubset(of: [200, 201, 503]), "statuses: \(load.statuses)")
        for server in [first, second] {
            try load.expectAcknowledged(on: server, clientID: clientID)
        }
    }
}
