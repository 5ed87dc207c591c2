import Foundation
import KomsTestSupport
import SessionCore
import Testing

@Suite("The background sweep keeps the database to live sessions")
struct SweepTests {
    /// Rows in a table, read with the sqlite3 shell beside the server.
    func count(_ table: String, _ server: TestServer) throws -> Int {
        Int(try SQLiteShell.query(server.databasePath, "SELECT count(*) FROM \(table)")) ?? -1
    }

    /// A server on a fresh database, and a client of it.
    func serving(_ configuration: SessionConfiguration) throws -> (TestServer, APIClient) {
        let server = try TestServer(configuration: configuration)
        return (server, try APIClient(server))
    }

    func pagesInUse(_ server: TestServer) throws -> Int {
        let pages = Int(try SQLiteShell.query(server.databasePath, "PRAGMA page_count")) ?? 0
        let free = Int(try SQLiteShell.query(server.databasePath, "PRAGMA freelist_count")) ?? 0
        return pages - free
    }

    @Test("expired sessions go once past the retention; live ones stay, and rotations leave no rows behind")
    func removesHistory() throws {
        let configuration = SessionConfiguration(
            accessTokenLifetimeSeconds: 60,
            refreshTokenLifetimeSeconds: 3600,
            sweepRetentionSeconds: 600
        )
        let (server, api) = try serving(configuration)
        var doomed = try api.newSession(email: "doomed@example.com")
        for _ in 0..<5 {
            doomed = try TokenPair(try api.refresh(doomed))
        }
        #expect(try count("sessions", server) == 1)

        server.clock.advance(seconds: 3000)
        var survivor = try api.newSession(email: "survivor@example.com")
        for _ in 0..<3 {
            survivor = try TokenPair(try api.refresh(survivor))
        }
        #expect(try server.service.sweep() == 0, "the doomed session is not yet expired")

        // The doomed session's deadline is 600 s behind: within the
        // retention it still answers session_expired.
        server.clock.advance(seconds: 1200)
        #expect(try api.refresh(doomed).code == "session_expired")
        #expect(try server.service.sweep() == 0)
        server.clock.advance(seconds: 1)
        #expect(try server.service.sweep() == 1)
        #expect(try api.refresh(doomed).code == "invalid_token")

        #expect(try count("sessions", server) == 1)
        #expect(try api.refresh(survivor).status == 200, "the live session is untouched")
    }

    @Test("a session unused past the idle timeout goes once past the retention, though its deadline is ahead")
    func removesIdle() throws {
        let configuration = SessionConfiguration(
            accessTokenLifetimeSeconds: 60,
            refreshTokenLifetimeSeconds: 86_400,
            sweepRetentionSeconds: 600,
            idleTimeoutSeconds: 1800
        )
        let (server, api) = try serving(configuration)
        let idle = try api.newSession(email: "idle@example.com")
        var active = try api.newSession(email: "active@example.com")
        for _ in 0..<4 {
            server.clock.advance(seconds: 600)
            active = try TokenPair(try api.refresh(active))
        }

        // The idle session's timeout passed 600 s ago, just the retention.
        #expect(try server.service.sweep() == 0)
        #expect(try api.refresh(idle).code == "session_expired")
        server.clock.advance(seconds: 1)
        #expect(try server.service.sweep() == 1)
        #expect(try api.refresh(idle).code == "invalid_token")
        #expect(try count("sessions", server) == 1)
        #expect(try api.refresh(active).status == 200, "a refresh keeps a session in use")
    }

    @Test("rounds of logins, refreshes and expiry leave the database no larger than one round needs")
    func boundedGrowth() throws {
        let configuration = SessionConfiguration(refreshTokenLifetimeSeconds: 3600, sweepRetentionSeconds: 60)
        let (server, api) = try serving(configuration)
        #expect(try api.signUp("rounds@example.com", "correct horse battery").status == 201)

        var pagesAfterRound: [Int] = []
        for _ in 0..<4 {
            for _ in 0..<40 {
                var pair = try TokenPair(try api.logIn("rounds@example.com", "correct horse battery"))
                for _ in 0..<5 {
                    pair = try TokenPair(try api.refresh(pair))
                }
            }
            server.clock.advance(seconds: 3600 + 61)
            let removed = try server.service.sweep(batchSize: 16)
            #expect(removed == 40)
            #expect(try count("sessions", server) == 0)
            pagesAfterRound.append(try pagesInUse(server))
        }
        #expect(Set(pagesAfterRound).count == 1, "pages in use after each round: \(pagesAfterRound)")
    }

    @Test("koms serve sweeps on its own at --sweep-interval and logs what it removed")
    func scheduledSweep() throws {
        let databasePath = FileManager.default.temporaryDirectory
            .appendingPathComponent("koms-sweep-\(UUID().uuidString).sqlite").path
        let server = try ServerProcess(
            databasePath: databasePath,
            extraArguments: ["--refresh-ttl", "1", "--sweep-interval", "1", "--sweep-retention", "0"]
        )
        let clientID = try #require(server.firstClientID)
        let api = try server.apiClient(clientID: clientID)
        _ = try api.newSession(email: "short@example.com")

        let line = server.waitForLogLine(containing: "swept sessions=1", timeoutSeconds: 30)
        #expect(line?.contains("info") == true)
        #expect(try SQLiteShell.query(databasePath, "SELECT count(*) FROM sessions") == "0")
        #expect(server.stop(with: SIGTERM) == 0)
    }
}
