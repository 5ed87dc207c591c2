import Testing

@testable import HTTPServer

@Suite("Header lookups")
struct HeaderLookupTests {
    @Test("field names compare without regard to ASCII case, and only at equal length")
    func names() {
        #expect("Content-Length".caseInsensitiveEquals("content-length"))
        #expect("X-KOMS-CLIENTID".caseInsensitiveEquals("x-koms-clientid"))
        #expect(!"Content-Length".caseInsensitiveEquals("Content-Lengths"))
        #expect(!"Content-Lengt".caseInsensitiveEquals("Content-Length"))
        #expect(!"Host".caseInsensitiveEquals("Hose"))
        #expect("".caseInsensitiveEquals(""))
    }

    @Test("a single field is found whatever its case; none is absent; two are a duplicate")
    func single() {
        let request = HTTPRequest(
            method: "GET",
            path: "/",
            headers: [("host", "a"), ("AUTHORIZATION", "Bearer x"), ("Accept", "*/*"), ("accept", "text/plain")]
        )
        #expect(request.singleHeader("Authorization") == .value("Bearer x"))
        #expect(request.singleHeader("Origin") == .absent)
        #expect(request.singleHeader("Accept") == .duplicate)
    }
}
