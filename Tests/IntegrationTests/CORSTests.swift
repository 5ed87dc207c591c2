import Foundation
import KomsTestSupport
import Testing

@Suite("CORS headers per client application")
struct CORSTests {
    func server() throws -> (TestServer, String) {
        let server = try TestServer()
        let client = try server.registry.register(name: "web", allowedOrigins: ["https://App.Example:443"])
        return (server, client.id)
    }

    @Test("a preflight from an allowed origin is answered without authentication, with the CORS headers")
    func preflight() throws {
        let (server, _) = try server()
        let http = try server.connect()
        let answer = try http.send(
            "OPTIONS",
            "/session",
            headers: [
                ("Origin", "https://app.example"), ("Access-Control-Request-Method", "PUT"),
                ("Access-Control-Request-Headers", "authorization, content-type, x-koms-clientid"),
            ]
        )
        #expect(answer.status == 204)
        #expect(answer.header("Access-Control-Allow-Origin") == "https://app.example")
        #expect(answer.header("Access-Control-Allow-Methods") == "POST, PUT, GET, DELETE")
        let allowedHeaders = answer.header("Access-Control-Allow-Headers")?.lowercased() ?? ""
        for name in ["authorization", "content-type", "x-koms-clientid"] {
            #expect(allowedHeaders.contains(name))
        }
        #expect(answer.header("Access-Control-Max-Age") == "600")
        #expect(answer.header("Vary") == "Origin")
    }

    @Test("other origins, and methods the path lacks, get no CORS headers; OPTIONS still lists the methods")
    func refusedPreflight() throws {
        let (server, _) = try server()
        let http = try server.connect()
        for (origin, method) in [
            ("https://evil.example", "POST"), ("http://app.example", "POST"), ("https://app.example", "PATCH"),
        ] {
            let answer = try http.send(
                "OPTIONS",
                "/user",
                headers: [("Origin", origin), ("Access-Control-Request-Method", method)]
            )
            #expect(answer.status == 204)
            #expect(answer.header("Access-Control-Allow-Origin") == nil, "\(origin) \(method)")
            #expect(answer.header("Allow") == "POST, GET, OPTIONS")
        }
    }

    @Test("answers carry CORS headers only for an origin the request's own client allows")
    func actualRequests() throws {
        let (server, webClient) = try server()
        let web = try APIClient(server, clientID: webClient)
        let pair = try web.newSession()
        let http = try server.connect()
        func check(origin: String, clientID: String) throws -> HTTPTestResponse {
            try http.send(
                "GET",
                "/session",
                headers: [
                    ("Origin", origin), ("x-koms-clientid", clientID), ("Authorization", "Bearer \(pair.access)"),
                ]
            )
        }

        let allowed = try check(origin: "https://app.example", clientID: webClient)
        #expect(allowed.status == 200)
        #expect(allowed.header("Access-Control-Allow-Origin") == "https://app.example")
        #expect(allowed.header("Access-Control-Expose-Headers")?.contains("X-Request-Id") == true)
        #expect(allowed.header("Vary") == "Origin")

        #expect(
            try check(origin: "https://evil.example", clientID: webClient).header("Access-Control-Allow-Origin") == nil
        )
        let otherClient = try check(origin: "https://app.example", clientID: server.clientID)
        #expect(otherClient.header("Access-Control-Allow-Origin") == nil, "the test app allows no origin")
        let refused = try check(origin: "https://app.example", clientID: "no-such-client")
        #expect(refused.status == 401)
        #expect(refused.header("Access-Control-Allow-Origin") == nil)
    }

    @Test(
        "origins are checked and written as browsers send them",
        arguments: [
            ("https://App.Example", "https://app.example"), ("https://app.example:443", "https://app.example"),
            ("http://localhost:3000", "http://localhost:3000"), ("http://127.0.0.1:80", "http://127.0.0.1"),
        ]
    )
    func serializedOrigins(text: String, serialized: String) throws {
        let (server, _) = try server()
        let client = try server.registry.register(name: "x", allowedOrigins: [text])
        #expect(client.allowedOrigins == [serialized])
    }

    @Test(
        "what is no origin is refused at registration",
        arguments: [
            "app.example", "https://app.example/", "https://app.example/path", "ftp://app.example", "https://", "*",
            "https://user@app.example",
        ]
    )
    func invalidOrigins(text: String) throws {
        let (server, _) = try server()
        #expect(throws: (any Error).self) { try server.registry.register(name: "x", allowedOrigins: [text]) }
    }
}
