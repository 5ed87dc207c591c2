import Foundation
import KomsTestSupport
import Testing

/// Each request here carries a sign-up of a fresh email, so a body the
/// server wrongly accepted would show up as a 201.
@Suite("Malformed body framing is refused, and never serves a request hidden in a body")
struct BodyFramingTests {
    @Test("invalid chunked encoding is refused, while a well-formed chunked body is read")
    func chunkedEncoding() throws {
        let server = try TestServer()
        let head = signUpHead(server, framing: "Transfer-Encoding: chunked")
        let framings: [(name: String, frame: (String) -> String)] = [
            ("a size that is not hex", { "ZZ\r\n\($0)\r\n0\r\n\r\n" }),
            ("a size past 64 bits", { "FFFFFFFFFFFFFFFFFFFF\r\n\($0)\r\n0\r\n\r\n" }),
            ("a negative size", { "-\(hex($0.utf8.count))\r\n\($0)\r\n0\r\n\r\n" }),
            ("a size with a 0x prefix", { "0x\(hex($0.utf8.count))\r\n\($0)\r\n0\r\n\r\n" }),
            ("a space inside the size", { "\(hex($0.utf8.count)) 0\r\n\($0)\r\n0\r\n\r\n" }),
            ("an empty size line", { "\r\n\($0)\r\n0\r\n\r\n" }),
            ("a size two bytes short of the data", { "\(hex($0.utf8.count - 2))\r\n\($0)\r\n0\r\n\r\n" }),
            ("data not followed by CRLF", { "\(hex($0.utf8.count))\r\n\($0)XX0\r\n\r\n" }),
            ("a trailer line without a colon", { "\(hex($0.utf8.count))\r\n\($0)\r\n0\r\nno colon\r\n\r\n" }),
        ]
        for (index, framing) in framings.enumerated() {
            let outcome = try server.outcome(of: Array((head + framing.frame(signUpBody("chunked-\(index)"))).utf8))
            #expect(outcome.isRefusal, "\(framing.name): \(outcome)")
            #expect(try server.pingStatus() == 200, "after \(framing.name)")
        }

        let body = signUpBody("chunked-ok")
        let split = body.index(body.startIndex, offsetBy: 10)
        let (first, rest) = (body[..<split], body[split...])
        let wellFormed =
            "\(hex(first.utf8.count))\r\n\(first)\r\n\(hex(rest.utf8.count));note=1\r\n\(rest)\r\n0\r\n\r\n"
        #expect(try server.outcome(of: Array((head + wellFormed).utf8)).statuses == [201])
        #expect(server.errorLogLines.isEmpty)
    }

    @Test("a Content-Length shorter than the body: the prefix is answered, the rest is refused as a request")
    func contentLengthTooShort() throws {
        let server = try TestServer()
        let body = signUpBody("short")
        let request = signUpHead(server, framing: "Content-Length: 5") + body + "\r\n\r\n"
        let outcome = try server.outcome(of: Array(request.utf8), maximumResponses: 2)

        #expect(outcome.responses.first?.code == "invalid_request", "koms read exactly 5 bytes: \(outcome)")
        #expect(outcome.isRefusal, "the left-over bytes are not a request to serve: \(outcome)")
        #expect(try server.pingStatus() == 200)
        let signUp = try APIClient(server).signUp("short@example.com", "correct horse battery")
        #expect(signUp.status == 201, "no account was made from the left-over bytes")
    }

    @Test("a Content-Length longer than what was sent: the server waits for the rest, then answers it")
    func contentLengthTooLong() throws {
        let server = try TestServer()
        let body = Array(signUpBody("long").utf8)
        let http = try server.connect()
        try http.writeRaw(Array(signUpHead(server, framing: "Content-Length: \(body.count)").utf8) + body[..<20])

        #expect(!http.waitForClose(timeoutSeconds: 0.5), "the server waits for the promised bytes")
        try http.writeRaw(Array(body[20...]))
        #expect(try http.readResponse().status == 201, "no early answer to the first 20 bytes")
    }

    // RFC 9112 §6.3: a 400 and a close. Serving what follows would let a
    // proxy that reads the other length smuggle a request past it.
    @Test("two Content-Length fields that disagree are refused, and the bytes after them are never served")
    func conflictingContentLengths() throws {
        let server = try TestServer()
        let hidden = "GET /ping HTTP/1.1\r\nHost: koms\r\n\r\n"
        let request =
            signUpHead(server, framing: "Content-Length: 2\r\nContent-Length: \(2 + hidden.utf8.count)") + "{}" + hidden
        let outcome = try server.outcome(of: Array(request.utf8), maximumResponses: 2, timeoutSeconds: 3)

        #expect(outcome.responses.count <= 1 && outcome.isRefusal, "\(outcome)")
        #expect(outcome.ending == .closed, "\(outcome)")
        #expect(try server.pingStatus() == 200)
    }

    // RFC 9112 §6.1: the connection must close, since a proxy trusting
    // Content-Length sees the request that follows as body bytes.
    @Test("Content-Length beside chunked encoding closes the connection after the answer")
    func contentLengthWithChunked() throws {
        let server = try TestServer()
        let request =
            signUpHead(server, framing: "Content-Length: 5\r\nTransfer-Encoding: chunked")
            + "2\r\n{}\r\n0\r\n\r\nGET /ping HTTP/1.1\r\nHost: koms\r\n\r\n"
        let outcome = try server.outcome(of: Array(request.utf8), maximumResponses: 2, timeoutSeconds: 3)

        #expect(outcome.responses.count <= 1 && outcome.isRefusal, "\(outcome)")
        #expect(outcome.ending == .closed, "\(outcome)")
        #expect(try server.pingStatus() == 200)
    }

    // A transfer coding other than a final "chunked" leaves the body length
    // unknown; RFC 9112 §6.3 asks for a 400 and a close. libmicrohttpd alone
    // would wait for the idle timeout.
    @Test("a transfer coding other than chunked is refused at once", arguments: ["gzip", "chunked, gzip"])
    func unknownTransferCoding(coding: String) throws {
        let server = try TestServer()
        let request = signUpHead(server, framing: "Transfer-Encoding: \(coding)") + "2\r\n{}\r\n0\r\n\r\n"
        let outcome = try server.outcome(of: Array(request.utf8), timeoutSeconds: 3)

        #expect(outcome.isRefusal, "\(outcome)")
        #expect(try server.pingStatus() == 200)
    }

    // libmicrohttpd queues a response only once the head or the whole body
    // is in, so the excess must be read and dropped before the 413 goes out.
    @Test("a chunked body over the limit answers 413")
    func oversizedChunkedBody() throws {
        let server = try TestServer()
        let tooLarge = 16 * 1024 + 1
        let request =
            signUpHead(server, framing: "Transfer-Encoding: chunked") + "\(hex(tooLarge))\r\n"
            + String(repeating: "x", count: tooLarge) + "\r\n0\r\n\r\n"
        let outcome = try server.outcome(of: Array(request.utf8))

        #expect(outcome.statuses == [413], "\(outcome)")
        #expect(try server.pingStatus() == 200)
    }

    private func signUpHead(_ server: TestServer, framing: String) -> String {
        "POST /user HTTP/1.1\r\nHost: koms\r\n\(TestServer.clientHeader): \(server.clientID)\r\n"
            + "Content-Type: application/json\r\n\(framing)\r\n\r\n"
    }

    private func signUpBody(_ name: String) -> String {
        #"{"email":"\#(name)@example.com","password":"correct horse battery"}"#
    }
}

private func hex(_ count: Int) -> String {
    String(count, radix: 16, uppercase: true)
}
