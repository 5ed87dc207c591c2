import Foundation
import KomsTestSupport
import Testing

/// Token checks and client lookups are answered from memory; these make sure
/// that no change to the database, from this process or another, is answered
/// from a stale entry.
@Suite("Cached reads stay true to the database")
struct ReadCacheIntegrationTests {
    @Test("a session deleted by another process is refused at once, with no write of the server's in between")
    func externalDelete() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let pair = try api.newSession()
        for _ in 0..<3 {
            #expect(try api.readSession(pair.access).status == 200)
        }

        _ = try SQLiteShell.query(server.databasePath, "DELETE FROM sessions")
        #expect(try api.readSession(pair.access).code == "invalid_token")
        #expect(try api.readUser(pair.access).code == "invalid_token")
    }

    @Test("a client disabled by another process is refused at once, and checks are cached again after")
    func externalDisable() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let pair = try api.newSession()
        let other = try server.registry.register(name: "other")
        let otherAPI = try APIClient(server, clientID: other.id)
        let otherPair = try otherAPI.newSession()
        #expect(try api.readSession(pair.access).status == 200)

        _ = try SQLiteShell.query(server.databasePath, "UPDATE clients SET enabled = 0 WHERE id = '\(other.id)'")
        #expect(try otherAPI.readSession(otherPair.access).code == "invalid_client")
        #expect(try otherAPI.signUp("late@example.com", "correct horse battery").code == "invalid_client")
        for _ in 0..<3 {
            #expect(try api.readSession(pair.access).status == 200)
            #expect(try otherAPI.readSession(otherPair.access).code == "invalid_client")
        }
    }

    @Test("logout, rotation and reuse each end the cached check of the token they end")
    func ownWrites() throws {
        let server = try TestServer()
        let api = try APIClient(server)

        let rotated = try api.newSession()
        #expect(try api.readSession(rotated.access).status == 200)
        let next = try TokenPair(try api.refresh(rotated))
        #expect(try api.readSession(rotated.access).code == "invalid_token")
        #expect(try api.readSession(next.access).status == 200)

        server.clock.advance(seconds: 11)
        #expect(try api.refresh(rotated).code == "session_revoked")
        #expect(try api.readSession(next.access).code == "invalid_token")

        let loggedOut = try api.newSession()
        #expect(try api.readUser(loggedOut.access).status == 200)
        #expect(try api.logOut(loggedOut.access).status == 204)
        #expect(try api.readUser(loggedOut.access).code == "invalid_token")
    }
}
