import Foundation
import KomsTestSupport
import Testing

@Suite("Generated bodies on every endpoint get a 2xx or 4xx, never a 5xx")
struct GeneratedBodyTests {
    /// Change it to explore new cases; a failure message names the seed
    /// and the case number, which is all it takes to make the body again.
    static let seed: UInt64 = 0x6B6F_6D73
    static let casesPerEndpoint = 400

    /// One endpoint as the generator aims at it.
    struct Target: CustomStringConvertible {
        let method: String
        let path: String
        let headers: [(String, String)]
        let fields: [BodyGenerator.Field]

        var description: String { "\(method) \(path)" }
    }

    @Test("random JSON, deep nesting, huge numbers, invalid UTF-8, NUL bytes and near-limit strings")
    func generatedBodies() throws {
        let server = try TestServer()
        let targets = try Self.targets(server)
        var cases = 0
        var serverErrors = 0
        var statusCounts: [Int: Int] = [:]
        var mismatches: [String] = []

        for (index, target) in targets.enumerated() {
            var generator = BodyGenerator(seed: Self.seed &+ UInt64(index), fields: target.fields)
            let http = try server.connect()
            for number in 0..<Self.casesPerEndpoint {
                let body = generator.next()
                let contentType = generator.contentType().map { [("Content-Type", $0)] } ?? []
                let response = try http.send(
                    target.method,
                    target.path,
                    headers: target.headers + contentType,
                    body: body
                )
                cases += 1
                statusCounts[response.status, default: 0] += 1
                if response.status >= 500 { serverErrors += 1 }
                if let problem = Self.mismatch(response, bodySize: body.count) {
                    mismatches.append("\(target) seed \(Self.seed &+ UInt64(index)) case \(number): \(problem)")
                }
            }
        }

        let tally = statusCounts.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " ")
        print("generated bodies: \(cases) cases, \(serverErrors) server errors (\(tally))")
        #expect(cases == targets.count * Self.casesPerEndpoint)
        #expect(serverErrors == 0)
        for status in [200, 201, 400, 401, 413, 415] {
            #expect(statusCounts[status, default: 0] > 0, "the generator never reached a \(status)")
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) odd answers, first: \(mismatches.prefix(10))")
        #expect(try server.pingStatus() == 200)
        #expect(server.errorLogLines.isEmpty, "\(server.errorLogLines.prefix(5))")
    }

    @Test("the generator is deterministic: SplitMix64's published first output, and the same bodies for a seed")
    func deterministic() {
        var splitMix = SplitMix64(seed: 0)
        #expect(splitMix.next() == 0xE220_A839_7B1D_CDAF)
        #expect(splitMix.next() == 0x6E78_9E6A_A1B9_65F4)

        func bodies(seed: UInt64) -> [[UInt8]] {
            var generator = BodyGenerator(seed: seed, fields: [("email", ["a@example.com"]), ("password", ["x"])])
            return (0..<50).map { _ in generator.next() }
        }
        #expect(bodies(seed: Self.seed) == bodies(seed: Self.seed))
        #expect(bodies(seed: Self.seed) != bodies(seed: Self.seed + 1))
    }

    /// What is wrong with an answer, if anything: a 5xx, a body over the
    /// limit not refused with 413 (or one within it refused so), or a 4xx
    /// that is not a problem document.
    private static func mismatch(_ response: HTTPTestResponse, bodySize: Int) -> String? {
        let overLimit = bodySize > BodyGenerator.bodyLimit
        guard (200..<500).contains(response.status) else { return "status \(response.status)" }
        guard (response.status == 413) == overLimit else {
            return "status \(response.status) for a \(bodySize)-byte body"
        }
        if response.status >= 400,
            response.header("Content-Type") != "application/problem+json" || response.code == nil
        {
            return "a \(response.status) without problem details: \(response.text.prefix(200))"
        }
        return nil
    }

    /// Every endpoint, with the credentials that let a good body through:
    /// the registered client, and live sessions for the token endpoints.
    private static func targets(_ server: TestServer) throws -> [Target] {
        let api = try APIClient(server)
        let refreshing = try api.newSession(email: "refreshing@example.com")
        let reading = try api.newSession(email: "reading@example.com")
        let client = (TestServer.clientHeader, server.clientID)
        let notASession = String(repeating: "A", count: 43)
        let account: [BodyGenerator.Field] = [
            ("email", ["gen-1@example.com", "gen-2@example.com", " Gen-3@Example.COM "]),
            ("password", ["correct horse battery", "ｐａｓｓｗｏｒｄ ｗｉｄｅ", "short"]),
            ("account_type", ["traditional"]),
        ]
        func bearer(_ token: String) -> [(String, String)] {
            [client, ("Authorization", "Bearer \(token)")]
        }
        return [
            Target(method: "POST", path: "/user", headers: [client], fields: account),
            Target(method: "POST", path: "/session", headers: [client], fields: account),
            Target(
                method: "PUT",
                path: "/session",
                headers: bearer(refreshing.access),
                fields: [("refresh_token", [refreshing.refresh, notASession])]
            ),
            Target(method: "GET", path: "/session", headers: bearer(reading.access), fields: account),
            Target(method: "DELETE", path: "/session", headers: bearer(notASession), fields: account),
            Target(method: "GET", path: "/user", headers: bearer(reading.access), fields: account),
        ]
    }
}
