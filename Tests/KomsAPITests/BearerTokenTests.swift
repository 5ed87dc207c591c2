import HTTPServer
import Testing

@testable import KomsAPI

@Suite("The bearer token of the Authorization header")
struct BearerTokenTests {
    func token(_ fields: [String]) throws(Problem) -> String? {
        try BearerToken.from(
            HTTPRequest(method: "GET", path: "/session", headers: fields.map { ("Authorization", $0) })
        )
    }

    @Test(
        "the scheme in any case, spaces around the token",
        arguments: ["Bearer abc-_.~+/=", "bearer abc-_.~+/=", "BEARER  abc-_.~+/=\t"]
    )
    func accepted(field: String) throws {
        #expect(try token([field]) == "abc-_.~+/=")
    }

    @Test(
        "no token for other schemes, or a tab after the scheme (RFC 9110 wants a space)",
        arguments: ["Basic abc", "Bearerabc", "", "abc", "Bearer\tabc"]
    )
    func otherSchemes(field: String) throws {
        #expect(try token([field]) == nil)
    }

    @Test(
        "an empty or non-token68 Bearer token is a malformed request (RFC 6750, section 3.1)",
        arguments: ["Bearer", "Bearer ", "bearer \t ", "Bearer a b", "Bearer é"]
    )
    func malformed(field: String) throws {
        #expect {
            try token([field])
        } throws: { error in
            (error as? Problem)?.status == 400 && (error as? Problem)?.code == "invalid_request"
        }
    }

    @Test("no Authorization header is no token; two are a malformed request")
    func countOfFields() throws {
        #expect(try token([]) == nil)
        #expect(throws: Problem.self) { try token(["Bearer a", "Bearer b"]) }
    }
}
