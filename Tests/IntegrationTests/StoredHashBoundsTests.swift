import Foundation
import KomsTestSupport
import Sodium
import Testing

@Suite("A stored password hash is checked for its cost before it is verified")
struct StoredHashBoundsTests {
    @Test("a planted hash demanding 4 GiB answers 503 and is logged, without being verified")
    func plantedHash() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        #expect(try api.signUp("planted@example.com", "correct horse battery").status == 201)

        let stored = try SQLiteShell.query(
            server.databasePath,
            "SELECT password_hash FROM users WHERE email_key = 'planted@example.com'"
        )
        let planted = stored.replacingOccurrences(of: "m=8192,", with: "m=4194304,")
        #expect(planted != stored)
        _ = try SQLiteShell.query(
            server.databasePath,
            "UPDATE users SET password_hash = '\(planted)' WHERE email_key = 'planted@example.com'"
        )

        let refused = try api.logIn("planted@example.com", "correct horse battery")
        #expect(refused.status == 503)
        #expect(refused.code == "unavailable")
        #expect(server.logs.lines.contains { $0.contains("stored record refused") })
        #expect(try api.logIn("other@example.com", "correct horse battery").status == 401, "others are unaffected")
    }

    @Test("the cost is read from libsodium's string")
    func readsCost() throws {
        let hash = try PasswordHasher(parameters: TestServer.fastArgon2).hash(password: Array("pw".utf8))
        let cost = try #require(PasswordHasher.cost(of: hash))
        #expect(cost.memoryBytes == TestServer.fastArgon2.memoryBytes)
        #expect(cost.iterations == TestServer.fastArgon2.iterations)
        #expect(PasswordHasher.cost(of: "not a hash") == nil)
        #expect(PasswordHasher.cost(of: "$argon2id$v=19$m=x,t=2,p=1$salt$hash") == nil)
    }
}
