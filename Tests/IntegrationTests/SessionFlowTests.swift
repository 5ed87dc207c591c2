import Foundation
import KomsTestSupport
import Testing

@Suite("Session API flow over real HTTP")
struct SessionFlowTests {
    @Test("sign-up, login, check, read user, refresh, logout, then every token answers 401")
    func walkThrough() throws {
        let server = try TestServer()
        let api = try APIClient(server)

        let signUp = try api.signUp("  Alice@Example.com ", "correct horse battery")
        #expect(signUp.status == 201)
        #expect(signUp.json?["message"] is String)

        let login = try api.logIn("alice@example.com", "correct horse battery")
        #expect(login.header("Cache-Control") == "no-store")
        #expect(login.header("Pragma") == "no-cache")
        #expect(login.header("Content-Type") == "application/json; charset=utf-8")
        let first = try TokenPair(login)
        #expect(first.expiresIn == 3600)

        let status = try api.readSession(first.access)
        #expect(status.status == 200)
        #expect(status.header("Content-Type") == "application/json; charset=utf-8")
        #expect(status.json?["access_token_expires_in"] as? Int == 3600)

        let user = try api.readUser(first.access)
        #expect(user.status == 200)
        #expect(user.json?["email"] as? String == "Alice@Example.com")
        #expect((user.json?["id"] as? String)?.isEmpty == false)

        let refreshed = try api.refresh(first)
        #expect(refreshed.header("Cache-Control") == "no-store")
        #expect(refreshed.header("Pragma") == "no-cache")
        let second = try TokenPair(refreshed)
        #expect(second.access != first.access)
        #expect(second.refresh != first.refresh)

        for response in [
            try api.readSession(first.access), try api.readUser(first.access), try api.logOut(first.access),
        ] {
            #expect(response.status == 401)
            #expect(response.code == "invalid_token")
        }
        #expect(try api.readSession(second.access).status == 200)

        let logout = try api.logOut(second.access)
        #expect(logout.status == 204)
        #expect(logout.body.isEmpty)

        #expect(try api.readSession(second.access).status == 401)
        #expect(try api.readUser(second.access).status == 401)
        #expect(try api.logOut(second.access).status == 401)
        let refreshAfterLogout = try api.refresh(second)
        #expect(refreshAfterLogout.status == 401)
        #expect(refreshAfterLogout.code == "invalid_token")
    }

    @Test("tokens are 256-bit URL-safe strings and the database keeps none of them")
    func tokenFormat() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let pair = try api.newSession()
        let rotated = try TokenPair(try api.refresh(pair))

        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        for token in [pair.access, pair.refresh, rotated.access, rotated.refresh] {
            #expect(token.count >= 43)
            #expect(token.allSatisfy(alphabet.contains))
        }

        server.store.close()
        let files = try FileManager.default.contentsOfDirectory(atPath: server.directory.path)
        let contents = try files.map { try Data(contentsOf: server.directory.appendingPathComponent($0)) }
        for token in [pair.access, pair.refresh, rotated.access, rotated.refresh] {
            #expect(!contents.contains { $0.range(of: Data(token.utf8)) != nil })
        }
    }

    @Test("the access token expires after its lifetime, but still refreshes and logs out")
    func accessTokenExpiry() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let pair = try api.newSession()

        server.clock.advance(seconds: 1800.5)
        #expect(try api.readSession(pair.access).json?["access_token_expires_in"] as? Int == 1799)

        server.clock.advance(seconds: 1800)
        for response in [try api.readSession(pair.access), try api.readUser(pair.access)] {
            #expect(response.status == 401)
            #expect(response.code == "token_expired")
        }

        let refreshed = try TokenPair(try api.refresh(pair))
        #expect(refreshed.expiresIn == 3600)
        server.clock.advance(seconds: 4000)
        #expect(try api.logOut(refreshed.access).status == 204)
    }

    @Test("the refresh deadline is fixed at login: refreshing does not extend it")
    func refreshDeadline() throws {
        let server = try TestServer(
            configuration: .init(accessTokenLifetimeSeconds: 60, refreshTokenLifetimeSeconds: 600)
        )
        let api = try APIClient(server)
        var pair = try api.newSession()

        server.clock.advance(seconds: 590)
        pair = try TokenPair(try api.refresh(pair))
        #expect(pair.expiresIn == 10, "an access token never outlives its session")

        server.clock.advance(seconds: 11)
        let late = try api.refresh(pair)
        #expect(late.status == 401)
        #expect(late.code == "session_expired")
    }

    @Test("a session unused for the idle timeout ends; one refreshed within it goes on past it")
    func idleTimeout() throws {
        let server = try TestServer(
            configuration: .init(accessTokenLifetimeSeconds: 2, refreshTokenLifetimeSeconds: 600, idleTimeoutSeconds: 5)
        )
        let api = try APIClient(server)
        var active = try api.newSession()
        let idle = try api.newSession()

        for _ in 0..<4 {
            server.clock.advance(seconds: 2)
            active = try TokenPair(try api.refresh(active))
        }
        #expect(try api.readSession(active.access).status == 200, "8 s on, refreshed every 2 s")

        let late = try api.refresh(idle)
        #expect(late.status == 401)
        #expect(late.code == "session_expired")
    }

    @Test("an access token never outlives the idle timeout")
    func accessWithinIdleTimeout() throws {
        let server = try TestServer(configuration: .init(accessTokenLifetimeSeconds: 3600, idleTimeoutSeconds: 600))
        let api = try APIClient(server)
        let pair = try api.newSession()
        #expect(pair.expiresIn == 600)
        #expect(try TokenPair(try api.refresh(pair)).expiresIn == 600)
    }

    @Test("a client's own lifetimes override the server's")
    func perClientLifetimes() throws {
        let server = try TestServer()
        let client = try server.registry.register(
            name: "short",
            accessTokenLifetimeSeconds: 60,
            refreshTokenLifetimeSeconds: 120
        )
        let api = try APIClient(server, clientID: client.id)
        let pair = try api.newSession()
        #expect(pair.expiresIn == 60)

        server.clock.advance(seconds: 121)
        #expect(try api.refresh(pair).code == "session_expired")
    }

    @Test("GET /ping needs no client id")
    func ping() throws {
        let server = try TestServer()
        let response = try server.connect().send("GET", "/ping")
        #expect(response.status == 200)
    }

    @Test("keep-alive: one connection serves many requests")
    func keepAlive() throws {
        let server = try TestServer()
        let http = try server.connect()
        for _ in 0..<5 {
            let response = try http.send("GET", "/ping")
            #expect(response.status == 200)
            #expect(http.isConnected)
        }
    }
}
