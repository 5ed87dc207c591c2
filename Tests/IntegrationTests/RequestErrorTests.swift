import Foundation
import KomsTestSupport
import Testing

@Suite("Client mistakes answer 4xx problem details")
struct RequestErrorTests {
    @Test("a problem body has title, status, detail and code, as application/problem+json")
    func problemShape() throws {
        let server = try TestServer()
        let response = try server.connect().send("GET", "/nowhere")
        #expect(response.status == 404)
        #expect(response.header("Content-Type") == "application/problem+json")
        let json = try #require(response.json)
        #expect(json["status"] as? Int == 404)
        #expect(json["title"] as? String == "Not Found")
        #expect(json["detail"] is String)
        #expect(json["code"] as? String == "not_found")
        #expect(response.header("X-Content-Type-Options") == "nosniff")
        #expect(response.header("Server") == nil)
    }

    @Test("a path over 8 KiB answers 414, and the connection goes on")
    func longPath() throws {
        let server = try TestServer()
        let http = try server.connect()
        let long = try http.send("GET", "/" + String(repeating: "a", count: 20_000))
        #expect(long.status == 414)
        #expect(long.code == "uri_too_long")
        #expect(try http.send("GET", "/" + String(repeating: "a", count: 8_000)).status == 404)
        #expect(try http.send("GET", "/ping").status == 200)
    }

    @Test("a login email that no sign-up accepts answers 400 invalid_email")
    func implausibleLoginEmail() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        for email in ["a\u{0}@x.test", "", "two words@x.test", String(repeating: "a", count: 250) + "@x.test"] {
            let response = try api.logIn(email, "correct horse battery")
            #expect(response.status == 400, "\(email)")
            #expect(response.code == "invalid_email")
        }
    }

    @Test("a known path with another method answers 405 with Allow")
    func methodNotAllowed() throws {
        let server = try TestServer()
        let http = try server.connect()
        let patch = try http.send("PATCH", "/session", headers: [(TestServer.clientHeader, server.clientID)])
        #expect(patch.status == 405)
        #expect(patch.header("Allow") == "POST, PUT, GET, DELETE, OPTIONS")
        let deleteUser = try http.send("DELETE", "/user")
        #expect(deleteUser.status == 405)
        #expect(deleteUser.header("Allow") == "POST, GET, OPTIONS")
    }

    @Test("a missing, unknown or disabled client id answers 401 invalid_client")
    func invalidClient() throws {
        let server = try TestServer()
        let disabled = try server.registry.register(name: "gone")
        _ = try server.registry.disable(id: disabled.id)

        for clientID in [nil, "no-such-client", disabled.id] {
            let response = try APIClient(server, clientID: clientID).signUp("a@example.com", "correct horse battery")
            #expect(response.status == 401)
            #expect(response.code == "invalid_client")
            #expect(response.header("WWW-Authenticate")?.hasPrefix("Bearer ") == true)
            #expect(response.header("WWW-Authenticate")?.contains("error=") == true)
        }
    }

    @Test("disabling a client ends its sessions at once")
    func disablingClientEndsSessions() throws {
        let server = try TestServer()
        let client = try server.registry.register(name: "soon disabled")
        let api = try APIClient(server, clientID: client.id)
        let pair = try api.newSession()
        #expect(try api.readSession(pair.access).status == 200)

        #expect(try server.registry.disable(id: client.id))
        #expect(try api.readSession(pair.access).code == "invalid_client")
        let reenabledLookup = try APIClient(server).readSession(pair.access)
        #expect(reenabledLookup.code == "invalid_token", "the session is gone, not just hidden")
    }

    @Test("tokens sent with another client's id answer 401")
    func clientBinding() throws {
        let server = try TestServer()
        let other = try server.registry.register(name: "other")
        let mine = try APIClient(server)
        let theirs = try APIClient(server, clientID: other.id)
        let pair = try mine.newSession()

        for response in [
            try theirs.readSession(pair.access), try theirs.readUser(pair.access), try theirs.refresh(pair),
            try theirs.logOut(pair.access),
        ] {
            #expect(response.status == 401)
            #expect(response.code == "invalid_token")
        }
        #expect(try mine.readSession(pair.access).status == 200, "the other client's attempts changed nothing")
    }

    @Test("a bad or missing token answers 401 invalid_token with a Bearer challenge; an empty or malformed one, 400")
    func badTokens() throws {
        let server = try TestServer()
        let http = try server.connect()
        let client = (TestServer.clientHeader, server.clientID)
        for authorization in [nil, "Bearer not-a-token", "Basic dXNlcjpwYXNz"] {
            let headers = [client] + (authorization.map { [("Authorization", $0)] } ?? [])
            let response = try http.send("GET", "/session", headers: headers)
            #expect(response.status == 401)
            #expect(response.code == "invalid_token")
            #expect(response.header("WWW-Authenticate")?.contains("error=\"invalid_token\"") == true)
        }
        for malformed in ["Bearer", "Bearer ", "Bearer a b"] {
            let response = try http.send("GET", "/session", headers: [client, ("Authorization", malformed)])
            #expect(response.status == 400, "\(malformed)")
            #expect(response.code == "invalid_request")
        }
    }

    @Test(
        "header names and the Bearer scheme are case-insensitive, spaces around the token are dropped, and two Authorization headers are malformed"
    )
    func bearerParsing() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let pair = try api.newSession()
        let client = (TestServer.clientHeader, server.clientID)

        for (name, value) in [
            ("Authorization", "bearer \(pair.access)"), ("AUTHORIZATION", "BEARER \(pair.access)"),
            ("authorization", "Bearer  \t\(pair.access) \t"),
        ] {
            let accepted = try api.http.send("GET", "/session", headers: [client, (name, value)])
            #expect(accepted.status == 200, "\(name): \(value)")
        }
        let shouted = try api.http.send(
            "GET",
            "/user",
            headers: [
                (TestServer.clientHeader.uppercased(), server.clientID), ("Authorization", "Bearer \(pair.access)"),
            ]
        )
        #expect(shouted.status == 200)

        for value in ["Bearer\t\(pair.access)", "Bearerx \(pair.access)", "Bear \(pair.access)"] {
            let refused = try api.http.send("GET", "/session", headers: [client, ("Authorization", value)])
            #expect(refused.status == 401, "\(value)")
        }

        let twice = try api.http.send(
            "GET",
            "/session",
            headers: [client, ("Authorization", "Bearer \(pair.access)"), ("AUTHORIZATION", "Bearer \(pair.access)")]
        )
        #expect(twice.status == 400)
        #expect(twice.code == "invalid_request")
    }

    @Test("malformed JSON, wrong types and missing fields answer 400 naming the field")
    func malformedBodies() throws {
        let server = try TestServer()
        let http = try server.connect()
        let headers = [(TestServer.clientHeader, server.clientID), jsonContentType]
        let cases: [(body: String, mention: String)] = [
            (#"{"email":"a@example.com","password":"#, "JSON"),
            (#"{"email":"a@example.com"}"#, "password"),
            (#"{"email":7,"password":"correct horse battery"}"#, "email"),
            (#"{"email":"a@example.com","password":"correct horse battery","admin":true}"#, "admin"),
            (#"["email"]"#, "object"),
            (#"{"email":"a@example.com","email":"b@example.com","password":"correct horse battery"}"#, "email"),
            ("", "object"),
        ]
        for (body, mention) in cases {
            let response = try http.send("POST", "/user", headers: headers, body: body)
            #expect(response.status == 400, "\(body)")
            #expect(response.code == "invalid_request")
            #expect((response.json?["detail"] as? String)?.contains(mention) == true, "\(body)")
        }

        let login = try http.send(
            "POST",
            "/session",
            headers: headers,
            body: #"{"email":"a@example.com","password":"correct horse battery"}"#
        )
        #expect(login.status == 400)
        #expect((login.json?["detail"] as? String)?.contains("account_type") == true)

        let wrongType = try http.send(
            "POST",
            "/session",
            headers: headers,
            body: #"{"account_type":"magic","email":"a@example.com","password":"correct horse battery"}"#
        )
        #expect(wrongType.status == 400)
    }

    @Test("a body that is not application/json answers 415; parameters such as charset are allowed")
    func mediaType() throws {
        let server = try TestServer()
        let http = try server.connect()
        let body = #"{"email":"media@example.com","password":"correct horse battery"}"#
        let client = (TestServer.clientHeader, server.clientID)

        for contentType in [nil, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16"]
        {
            let headers = [client] + (contentType.map { [("Content-Type", $0)] } ?? [])
            let response = try http.send("POST", "/user", headers: headers, body: body)
            #expect(response.status == 415, "\(contentType ?? "none")")
            #expect(response.header("Content-Type") == "application/problem+json")
        }
        let accepted = try http.send(
            "POST",
            "/user",
            headers: [client, ("Content-Type", "Application/JSON; charset=UTF-8")],
            body: body
        )
        #expect(accepted.status == 201)
    }

    @Test("a body over the limit answers 413 without being read")
    func oversizedBody() throws {
        let server = try TestServer()
        let http = try server.connect()
        let headers = [(TestServer.clientHeader, server.clientID), jsonContentType]
        let padding = String(repeating: "x", count: 17 * 1024)
        let response = try http.send("POST", "/user", headers: headers, body: #"{"email":"\#(padding)"}"#)
        #expect(response.status == 413)
        #expect(response.code == "payload_too_large")

        let declaredOnly = try server.connect()
        try declaredOnly.writeRaw(
            Array(
                "POST /user HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n"
                    .utf8
            )
        )
        #expect(try declaredOnly.readResponse().status == 413)

        #expect(try server.connect().send("GET", "/ping").status == 200)
    }

    @Test("DELETE /session ignores a body")
    func logoutIgnoresBody() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let pair = try api.newSession()
        let response = try api.http.send(
            "DELETE",
            "/session",
            headers: [
                (TestServer.clientHeader, server.clientID), ("Authorization", "Bearer \(pair.access)"),
                ("Content-Type", "text/plain"),
            ],
            body: "ignored"
        )
        #expect(response.status == 204)
    }
}
