import Testing

@testable import HTTPServer

@Suite("Header lookups")
struct HeaderLookupTests {
    @Test("header names are kept and looked up in lowercase, whatever case they were written in")
    func names() {
        #expect(HeaderName("Content-Length") == .contentLength)
        #expect(HeaderName("X-KOMS-CLIENTID").lowercased == "x-koms-clientid")
        #expect(HeaderName("Access-Control-Request-Method") == .accessControlRequestMethod)
        #expect("ÄB-Ü".asciiLowercased() == "Äb-Ü")
        let request = HTTPRequest(method: "GET", path: "/", headers: [("X-Request-ID", "a"), ("HOST", "b")])
        #expect(request.headers.map(\.name) == ["x-request-id", "host"])
        #expect(request.header("X-Request-Id") == "a")
        #expect(request.header(.xRequestID) == "a")
        #expect(request.header("Host") == "b")
        #expect(request.header("Hose") == nil)
    }

    @Test("a single field is found whatever its case; none is absent; two are a duplicate")
    func single() {
        let request = HTTPRequest(
            method: "GET",
            path: "/",
            headers: [("host", "a"), ("AUTHORIZATION", "Bearer x"), ("Accept", "*/*"), ("accept", "text/plain")]
        )
        #expect(request.singleHeader(.authorization) == .value("Bearer x"))
        #expect(request.singleHeader(.origin) == .absent)
        #expect(request.singleHeader("Accept") == .duplicate)
        #expect(request.headers(named: "ACCEPT") == ["*/*", "text/plain"])
    }
}
