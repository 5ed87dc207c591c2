import Foundation
import KomsTestSupport
import SessionCore
import Testing

@Suite("Failed logins per email: delays, reset, the same answer for unknown emails")
struct LoginThrottlingTests {
    @Test("after five failures the next attempt waits 1 s, then 2 s, with 429 and Retry-After")
    func delaysAfterFailures() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        #expect(try api.signUp("known@example.com", "correct horse battery").status == 201)

        for _ in 0..<5 {
            #expect(try api.logIn("known@example.com", "wrong horse battery").code == "invalid_credentials")
        }
        let refused = try api.logIn("known@example.com", "correct horse battery")
        #expect(refused.status == 429)
        #expect(refused.code == "too_many_attempts")
        #expect(refused.header("Retry-After") == "1")
        #expect(refused.header("Content-Type") == "application/problem+json")

        server.clock.advance(seconds: 1)
        #expect(try api.logIn("known@example.com", "wrong horse battery").status == 401)
        let longer = try api.logIn("known@example.com", "wrong horse battery")
        #expect(longer.status == 429)
        #expect(longer.header("Retry-After") == "2")
    }

    @Test("an unknown email is throttled exactly like a known one")
    func unknownEmailLooksTheSame() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        #expect(try api.signUp("real@example.com", "correct horse battery").status == 201)

        for email in ["real@example.com", "ghost@example.com"] {
            for _ in 0..<5 {
                #expect(try api.logIn(email, "wrong horse battery").status == 401)
            }
        }
        let known = try api.logIn("real@example.com", "wrong horse battery")
        let unknown = try api.logIn("ghost@example.com", "wrong horse battery")
        #expect(known.status == 429)
        #expect(known.body == unknown.body)
        #expect(known.header("Retry-After") == unknown.header("Retry-After"))
    }

    @Test("the email is compared as login compares it: trimmed, any case")
    func sameKeyAsLogin() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        for variant in ["a@example.com", "A@EXAMPLE.COM", " a@example.com", "a@Example.com ", "A@example.COM"] {
            #expect(try api.logIn(variant, "wrong horse battery").status == 401)
        }
        #expect(try api.logIn("a@example.com", "wrong horse battery").status == 429)
    }

    @Test("a successful login resets the count")
    func successResets() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        #expect(try api.signUp("reset@example.com", "correct horse battery").status == 201)
        for _ in 0..<5 {
            #expect(try api.logIn("reset@example.com", "wrong horse battery").status == 401)
        }
        #expect(try api.logIn("reset@example.com", "correct horse battery").status == 429)

        server.clock.advance(seconds: 1)
        #expect(try api.logIn("reset@example.com", "correct horse battery").status == 200)
        for _ in 0..<5 {
            #expect(try api.logIn("reset@example.com", "wrong horse battery").status == 401)
        }
        #expect(try api.logIn("reset@example.com", "wrong horse battery").status == 429)
    }

    @Test("the delay can be turned off by configuration")
    func turnedOff() throws {
        let server = try TestServer(configuration: SessionConfiguration(loginThrottle: nil))
        let api = try APIClient(server)
        for _ in 0..<8 {
            #expect(try api.logIn("free@example.com", "wrong horse battery").status == 401)
        }
    }

    @Test("a refused login's log line names the peer, the client and the code, never the password")
    func refusalLogLine() throws {
        let server = try TestServer()
        let api = APIClient(
            http: try server.connect(from: "127.0.0.42"),
            clientID: server.clientID,
            secrets: server.secrets
        )
        #expect(try api.logIn("traced@example.com", "a secret passphrase").status == 401)

        // The line is written just after the answer leaves, so it may trail it a little.
        let deadline = ContinuousClock.now + .seconds(5)
        while !server.logs.lines.contains(where: { $0.contains("path=/session") }) && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        let line = try #require(server.logs.lines.last { $0.contains("path=/session") })
        #expect(line.contains("status=401"))
        #expect(line.contains("code=invalid_credentials"))
        #expect(line.contains("remote=127.0.0.42"))
        #expect(line.contains("client_id=\(server.clientID)"))
        #expect(!server.logs.lines.contains { $0.contains("secret passphrase") })
    }
}
