import Foundation
import KomsTestSupport
import Sodium
import Testing

@Suite("Pipelined and abandoned requests")
struct PipeliningTests {
    @Test("requests pipelined in one write are each answered in order, across logins that hash")
    func pipelinedInOrder() throws {
        let server = try TestServer()
        let requests = [
            "GET /ping HTTP/1.1\r\nHost: koms\r\n\r\n",
            "GET /nowhere HTTP/1.1\r\nHost: koms\r\n\r\n",
            post(
                server,
                "/session",
                #"{"account_type":"traditional","email":"nobody@example.com","password":"wrong one"}"#
            ),
            post(server, "/user", "{"),
            "DELETE /user HTTP/1.1\r\nHost: koms\r\n\r\n",
            post(server, "/user", #"{"email":"piped@example.com","password":"correct horse battery"}"#),
            "GET /session HTTP/1.1\r\nHost: koms\r\n\(TestServer.clientHeader): \(server.clientID)\r\n\r\n",
            "GET /ping HTTP/1.1\r\nHost: koms\r\n\r\n",
        ]
        let outcome = try server.outcome(of: Array(requests.joined().utf8), maximumResponses: requests.count)

        #expect(outcome.statuses == [200, 404, 401, 400, 405, 201, 401, 200], "\(outcome)")
        #expect(
            outcome.responses.map(\.code) == [
                nil, "not_found", "invalid_credentials", "invalid_request",
                "method_not_allowed", nil, "invalid_token", nil,
            ]
        )
        let requestIDs = outcome.responses.compactMap { $0.header("X-Request-Id") }
        #expect(Set(requestIDs).count == requests.count, "each answer belongs to its own request")
    }

    @Test("a malformed request ends a pipeline: the requests before it are answered, none after it")
    func malformedRequestEndsPipeline() throws {
        let server = try TestServer()
        let ping = "GET /ping HTTP/1.1\r\nHost: koms\r\n\r\n"
        let outcome = try server.outcome(of: Array((ping + "GARBAGE\r\n\r\n" + ping).utf8), maximumResponses: 3)

        #expect(outcome.statuses.first == 200, "\(outcome)")
        #expect(outcome.statuses.dropFirst().allSatisfy { (400..<500).contains($0) }, "\(outcome)")
        #expect(outcome.ending == .closed, "\(outcome)")
        #expect(try server.pingStatus() == 200)
    }

    // When a head, part of its body and the client's FIN arrive together,
    // libmicrohttpd 0.9.75 with epoll does not see the hang-up and keeps the
    // connection until the idle timeout. The request never reached the
    // handler, so it must not hold up a graceful shutdown.
    @Test("a client that hangs up mid-head or mid-body leaves no request behind")
    func hangUpMidRequest() throws {
        let server = try TestServer()
        let body = #"{"email":"gone@example.com","password":"correct horse battery"}"#
        let partials = [
            "POST /user HTTP/1.1\r\nHost: koms\r\nContent-Ty",
            post(server, "/user", body, length: 200),
            String(post(server, "/user", body).dropLast(20)),
            chunkedPost(server, "40\r\n\(body.prefix(30))"),
            chunkedPost(server, "2\r\n{}\r\n"),
        ]
        // Four of each, as whether the hang-up arrives with the data is a race.
        for partial in partials {
            for _ in 0..<4 {
                let http = try server.connect()
                try http.writeRaw(Array(partial.utf8))
                http.close()
            }
            #expect(try server.pingStatus() == 200, "after \(partial.debugDescription)")
        }

        // The handler runs only on a whole request; give the event threads a
        // moment to see each hang-up before looking.
        Thread.sleep(forTimeInterval: 0.3)
        #expect(server.loggedRequests(method: "POST").isEmpty, "\(server.loggedRequests(method: "POST"))")
        expectPromptShutdown(server)
    }

    @Test("clients that hang up while their logins hash leave the server serving, and nothing in flight")
    func hangUpWhileHashing() throws {
        // A slower hash, so each client is surely gone before its answer is ready.
        let server = try TestServer(argon2: Argon2idParameters(iterations: 3, memoryBytes: 32 * 1024 * 1024))
        let api = try APIClient(server)
        #expect(try api.signUp("patient@example.com", "correct horse battery").status == 201)
        let login = #"{"account_type":"traditional","email":"patient@example.com","password":"correct horse battery"}"#

        for _ in 0..<4 {
            let http = try server.connect()
            try http.writeRaw(Array(post(server, "/session", login).utf8))
            Thread.sleep(forTimeInterval: 0.02)
            http.close()
        }
        let deadline = ContinuousClock.now + .seconds(20)
        while server.loggedRequests(method: "POST").count < 5 && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }

        #expect(server.loggedRequests(method: "POST").count == 5, "every abandoned login was still answered")
        #expect(try server.pingStatus() == 200)
        #expect(try api.logIn("patient@example.com", "correct horse battery").status == 200)
        #expect(server.errorLogLines.isEmpty)
        expectPromptShutdown(server)
    }

    /// Shutdown waits up to its grace period for requests in flight, so a
    /// quick one shows no abandoned request was left counted as running.
    private func expectPromptShutdown(_ server: TestServer) {
        let started = ContinuousClock.now
        server.server.shutdown(gracePeriod: .seconds(3))
        #expect(ContinuousClock.now - started < .seconds(2), "a request was left in flight")
    }

    private func post(_ server: TestServer, _ path: String, _ body: String, length: Int? = nil) -> String {
        "POST \(path) HTTP/1.1\r\nHost: koms\r\n\(TestServer.clientHeader): \(server.clientID)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(length ?? body.utf8.count)\r\n\r\n\(body)"
    }

    private func chunkedPost(_ server: TestServer, _ chunks: String) -> String {
        "POST /user HTTP/1.1\r\nHost: koms\r\n\(TestServer.clientHeader): \(server.clientID)\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n\(chunks)"
    }
}
