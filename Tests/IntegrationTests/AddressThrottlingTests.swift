import Foundation
import HTTPServer
import KomsTestSupport
import SessionCore
import Testing

@Suite("Per-address budgets for logins and sign-ups, and trusted proxies")
struct AddressThrottlingTests {
    func client(_ server: TestServer, from address: String) throws -> APIClient {
        APIClient(http: try server.connect(from: address), clientID: server.clientID, secrets: server.secrets)
    }

    @Test("POST /session: a burst of 10, then 429 until the bucket refills; other addresses unaffected")
    func loginBucket() throws {
        let server = try TestServer(logInLimit: RateLimit(perMinute: 30, burst: 10))
        let first = try client(server, from: "127.0.0.2")
        for index in 0..<10 {
            #expect(try first.logIn("nobody-\(index)@example.com", "wrong horse battery").status == 401)
        }
        let refused = try first.logIn("nobody-10@example.com", "wrong horse battery")
        #expect(refused.status == 429)
        #expect(refused.code == "too_many_requests")
        #expect(refused.header("Retry-After") == "2")

        #expect(try client(server, from: "127.0.0.3").logIn("x@example.com", "wrong horse battery").status == 401)

        server.clock.advance(seconds: 2)
        #expect(try first.logIn("nobody-11@example.com", "wrong horse battery").status == 401)
        #expect(try first.logIn("nobody-12@example.com", "wrong horse battery").status == 429)
    }

    @Test("POST /user: a burst of 5, then 429")
    func signUpBucket() throws {
        let server = try TestServer(signUpLimit: RateLimit(perMinute: 10, burst: 5))
        let api = try client(server, from: "127.0.0.4")
        for index in 0..<5 {
            #expect(try api.signUp("new-\(index)@example.com", "correct horse battery").status == 201)
        }
        let refused = try api.signUp("new-5@example.com", "correct horse battery")
        #expect(refused.status == 429)
        #expect(refused.header("Retry-After") == "6")
        #expect(
            try api.logIn("new-0@example.com", "correct horse battery").status == 200,
            "logins have their own budget"
        )
    }

    /// A sign-up's status, sent on `connection` with this `X-Forwarded-For`.
    func signUp(
        _ email: String,
        forwardedFor: String,
        on connection: HTTPTestClient,
        _ server: TestServer
    ) throws -> Int {
        try connection.send(
            "POST",
            "/user",
            headers: [
                (TestServer.clientHeader, server.clientID), ("Content-Type", "application/json"),
                ("X-Forwarded-For", forwardedFor),
            ],
            body: Array(#"{"email":"\#(email)","password":"correct horse battery"}"#.utf8)
        ).status
    }

    @Test("a trusted proxy's X-Forwarded-For names the client; hops the client wrote are ignored")
    func trustedProxy() throws {
        let server = try TestServer(
            signUpLimit: RateLimit(perMinute: 1, burst: 1),
            trustedProxies: [try #require(IPNetwork("127.0.0.5/32"))]
        )
        let proxy = try server.connect(from: "127.0.0.5")
        func viaProxy(_ email: String, _ forwardedFor: String) throws -> Int {
            try signUp(email, forwardedFor: forwardedFor, on: proxy, server)
        }

        #expect(try viaProxy("p1@example.com", "203.0.113.1") == 201)
        #expect(try viaProxy("p2@example.com", "203.0.113.1") == 429)
        #expect(try viaProxy("p3@example.com", "203.0.113.2") == 201)
        #expect(try viaProxy("p4@example.com", "198.51.100.7, 203.0.113.1") == 429, "a forged left hop")
        #expect(try viaProxy("p5@example.com", "203.0.113.3, 127.0.0.5") == 201, "a chain of proxies")
    }

    @Test("X-Forwarded-For from anyone else is ignored")
    func untrustedPeer() throws {
        let server = try TestServer(
            signUpLimit: RateLimit(perMinute: 1, burst: 1),
            trustedProxies: [try #require(IPNetwork("127.0.0.5/32"))]
        )
        let stranger = try server.connect(from: "127.0.0.6")
        #expect(try signUp("s1@example.com", forwardedFor: "203.0.113.1", on: stranger, server) == 201)
        #expect(try signUp("s2@example.com", forwardedFor: "203.0.113.2", on: stranger, server) == 429)
    }
}
