import Foundation
import KomsTestSupport
import Testing

/// One request written byte for byte, and how strictly it must be refused.
struct MalformedRequest: CustomStringConvertible {
    let description: String
    let bytes: [UInt8]
    /// The server may repair this one and answer it as if well formed, as
    /// RFC 9112 allows (or as libmicrohttpd does, more leniently than the RFC
    /// asks, without harm to koms); it must still never get a 5xx.
    let mayServe: Bool

    init(_ description: String, _ text: String, mayServe: Bool = false) {
        self.init(description, Array(text.utf8), mayServe: mayServe)
    }

    init(_ description: String, _ bytes: [UInt8], mayServe: Bool = false) {
        self.description = description
        self.bytes = bytes
        self.mayServe = mayServe
    }
}

@Suite("Malformed request heads answer 4xx or close, and the server serves the next client")
struct MalformedHTTPTests {
    @Test("bad request lines are refused")
    func requestLines() throws {
        let rest = "Host: koms\r\n\r\n"
        try expectEachHandled([
            MalformedRequest("a single word", "GARBAGE\r\n\r\n"),
            MalformedRequest("a method alone", "GET\r\n\r\n"),
            MalformedRequest("no version, as in HTTP/0.9", "GET /ping\r\n\r\n"),
            MalformedRequest("a fourth word", "GET /ping HTTP/1.1 extra\r\n" + rest),
            MalformedRequest("a misspelt protocol", "GET /ping HTTX/1.1\r\n" + rest),
            MalformedRequest("a lowercase protocol name", "GET /ping http/1.1\r\n" + rest),
            MalformedRequest("a version without its minor digit", "GET /ping HTTP/1\r\n" + rest),
            MalformedRequest("tabs between the words", "GET\t/ping\tHTTP/1.1\r\n" + rest),
            MalformedRequest("a control byte in the method", "G\u{01}T /ping HTTP/1.1\r\n" + rest),
            MalformedRequest("a NUL in the method", "G\u{00}T /ping HTTP/1.1\r\n" + rest),
            MalformedRequest("a NUL in the target", "GET /pi\u{00}ng HTTP/1.1\r\n" + rest),
            MalformedRequest(
                "bytes that are not UTF-8 in the target",
                Array("GET /".utf8) + [0xFF, 0xFE] + Array(" HTTP/1.1\r\n\(rest)".utf8)
            ),
            MalformedRequest("a 40 KiB target", "GET /\(String(repeating: "a", count: 40 * 1024)) HTTP/1.1\r\n" + rest),
            MalformedRequest(
                "a TLS hello on the plain port",
                [0x16, 0x03, 0x01, 0x00, 0xA5, 0x01] + Array(0...255) + Array("\r\n\r\n".utf8)
            ),
            MalformedRequest(
                "empty lines before the request line",
                "\r\n\r\nGET /ping HTTP/1.1\r\n" + rest,
                mayServe: true
            ),
            MalformedRequest("bare LF line ends", "GET /ping HTTP/1.1\nHost: koms\n\n", mayServe: true),
            MalformedRequest("two spaces after the method", "GET  /ping HTTP/1.1\r\n" + rest, mayServe: true),
            MalformedRequest("a later minor version, HTTP/1.9", "GET /ping HTTP/1.9\r\n" + rest, mayServe: true),
        ])
    }

    @Test("invalid header bytes and unusable Content-Length values are refused")
    func headerFields() throws {
        let line = "GET /ping HTTP/1.1\r\nHost: koms\r\n"
        let post = "POST /user HTTP/1.1\r\nHost: koms\r\nContent-Type: application/json\r\n"
        let manyFields = (0..<3000).map { "X-Field-\($0): v\r\n" }.joined()
        try expectEachHandled([
            MalformedRequest("a line without a colon", line + "NoColonHere\r\n\r\n"),
            MalformedRequest("a NUL in a field name", line + "X-\u{00}A: b\r\n\r\n"),
            MalformedRequest("3000 fields", line + manyFields + "\r\n"),
            MalformedRequest("a Content-Length that is a word", post + "Content-Length: abc\r\n\r\n{}"),
            MalformedRequest("a negative Content-Length", post + "Content-Length: -1\r\n\r\n{}"),
            MalformedRequest("a Content-Length with a plus sign", post + "Content-Length: +2\r\n\r\n{}"),
            MalformedRequest("a Content-Length in hex", post + "Content-Length: 0x10\r\n\r\n{}"),
            MalformedRequest("an empty Content-Length", post + "Content-Length: \r\n\r\n{}"),
            MalformedRequest(
                "a Content-Length past 64 bits",
                post + "Content-Length: 99999999999999999999999\r\n\r\n{}"
            ),
            // RFC 9110 §5.5 and RFC 9112 §3.2, §5.1 ask for a 400 (or a repair) for
            // these; libmicrohttpd answers them, which is tolerable for koms.
            MalformedRequest("a NUL in a field value", line + "X-A: b\u{00}c\r\n\r\n", mayServe: true),
            MalformedRequest("control bytes in a field value", line + "X-A: b\u{01}\u{7F}c\r\n\r\n", mayServe: true),
            MalformedRequest("a bare CR in a field value", line + "X-A: b\rc\r\n\r\n", mayServe: true),
            MalformedRequest(
                "a byte 0xFF in a field name",
                Array(line.utf8) + Array("X-".utf8) + [0xFF] + Array(": b\r\n\r\n".utf8),
                mayServe: true
            ),
            MalformedRequest(
                "bytes 0xFF 0xFE in a field value",
                Array(line.utf8) + Array("X-A: ".utf8) + [0xFF, 0xFE] + Array("\r\n\r\n".utf8),
                mayServe: true
            ),
            MalformedRequest("a folded field value", line + "X-A: b\r\n c\r\n\r\n", mayServe: true),
            MalformedRequest("an empty field name", line + ": b\r\n\r\n", mayServe: true),
            MalformedRequest("a space before the colon", line + "X-A : b\r\n\r\n", mayServe: true),
            MalformedRequest("no Host", "GET /ping HTTP/1.1\r\n\r\n", mayServe: true),
            MalformedRequest("two Host fields", line + "Host: other\r\n\r\n", mayServe: true),
        ])
    }

    @Test("a request line naming HTTP/2 or HTTP/3 answers 505, as RFC 9110 §15.6.6 asks, and closes")
    func unsupportedMajorVersion() throws {
        let server = try TestServer()
        for request in [
            "GET /ping HTTP/2.0\r\nHost: koms\r\n\r\n", "GET /ping HTTP/3.0\r\nHost: koms\r\n\r\n",
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
        ] {
            // The one 5xx libmicrohttpd sends on its own: the version cannot
            // be served at all, and RFC 9110 names 505 for that.
            let outcome = try server.outcome(of: Array(request.utf8), maximumResponses: 2)
            #expect(outcome.statuses == [505], "\(request.debugDescription): \(outcome)")
            #expect(outcome.ending == .closed, "\(request.debugDescription): \(outcome)")
            #expect(try server.pingStatus() == 200)
        }
    }

    /// Sends each request on its own connection to one server, checks the
    /// answer, then checks that a fresh connection still gets GET /ping.
    private func expectEachHandled(_ requests: [MalformedRequest]) throws {
        let server = try TestServer()
        for request in requests {
            let outcome = try server.outcome(of: request.bytes)
            if request.mayServe {
                #expect(outcome.isHandled, "\(request): \(outcome)")
            } else {
                #expect(outcome.isRefusal, "\(request): \(outcome)")
            }
            #expect(try server.pingStatus() == 200, "after \(request)")
        }
        #expect(server.errorLogLines.isEmpty)
    }
}
