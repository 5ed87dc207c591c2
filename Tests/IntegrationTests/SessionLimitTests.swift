import SessionCore
import Testing

@Suite("Sessions per user")
struct SessionLimitTests {
    @Test("a login beyond the 50 sessions a user may have ends the oldest, whose tokens then answer 401")
    func oldestSessionEnds() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let email = "many-devices@example.com"
        #expect(try api.signUp(email, "correct horse battery").status == 201)
        let sessions = try (0..<50).map { _ in try TokenPair(try api.logIn(email, "correct horse battery")) }
        #expect(try api.readSession(sessions[0].access).status == 200, "50 sessions are allowed")

        let newest = try TokenPair(try api.logIn(email, "correct horse battery"))
        let ended = try api.readSession(sessions[0].access)
        #expect(ended.status == 401)
        #expect(ended.code == "invalid_token")
        #expect(try api.refresh(sessions[0]).status == 401)
        #expect(try api.readSession(sessions[1].access).status == 200)
        #expect(try api.readSession(newest.access).status == 200)
    }

    @Test("the limit is the server's setting, and counts each user's sessions alone")
    func configuredLimit() throws {
        let server = try TestServer(configuration: SessionConfiguration(maximumSessionsPerUser: 2))
        let api = try APIClient(server)
        let first = try api.newSession(email: "first@example.com")
        let other = try api.newSession(email: "other@example.com")
        _ = try TokenPair(try api.logIn("first@example.com", "correct horse battery"))
        #expect(try api.readSession(first.access).status == 200)
        _ = try TokenPair(try api.logIn("first@example.com", "correct horse battery"))
        #expect(try api.readSession(first.access).status == 401)
        #expect(try api.readSession(other.access).status == 200)
    }
}
