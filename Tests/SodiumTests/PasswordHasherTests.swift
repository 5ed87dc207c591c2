import Sodium
import Testing

@Suite("Password hashing")
struct PasswordHasherTests {
    private let hasher = PasswordHasher(parameters: .fast)
    private let password = Array("correct horse battery staple".utf8)

    @Test("the right password verifies and a wrong one does not")
    func roundTrip() throws {
        let hash = try hasher.hash(password: password)

        #expect(hasher.verify(password: password, hash: hash))
        #expect(!hasher.verify(password: Array("correct horse battery stapler".utf8), hash: hash))
        #expect(!hasher.verify(password: [], hash: hash))
    }

    @Test("an empty password hashes and verifies like any other")
    func emptyPassword() throws {
        let hash = try hasher.hash(password: [])

        #expect(hasher.verify(password: [], hash: hash))
        #expect(!hasher.verify(password: [0], hash: hash))
    }

    @Test("the hash string names argon2id and the configured cost, with m in KiB")
    func hashFormat() throws {
        let hash = try hasher.hash(password: password)

        #expect(hash.hasPrefix("$argon2id$v=19$m=8192,t=1,p=1$"))
    }

    @Test("hashing one password twice gives different strings, as each has its own salt")
    func saltsDiffer() throws {
        let first = try hasher.hash(password: password)
        let second = try hasher.hash(password: password)

        #expect(first != second)
        #expect(hasher.verify(password: password, hash: second))
    }

    @Test("a hash made with the current parameters needs no rehash")
    func currentParametersNeedNoRehash() throws {
        let hash = try hasher.hash(password: password)

        #expect(!hasher.needsRehash(hash))
    }

    @Test(
        "a hash made with other parameters needs a rehash",
        arguments: [
            Argon2idParameters(iterations: 2, memoryBytes: 8 << 20),
            Argon2idParameters(iterations: 1, memoryBytes: 16 << 20),
        ]
    )
    func changedParametersNeedRehash(current: Argon2idParameters) throws {
        let hash = try hasher.hash(password: password)

        #expect(PasswordHasher(parameters: current).needsRehash(hash))
    }

    @Test("a stored hash that was altered or cut short does not verify")
    func alteredHashes() throws {
        let hash = try hasher.hash(password: password)
        let lastCharacter = hash.last == "A" ? "B" : "A"

        #expect(!hasher.verify(password: password, hash: hash.dropLast() + lastCharacter))
        #expect(!hasher.verify(password: password, hash: String(hash.dropLast(4))))
    }

    @Test("strings that are not well-formed argon2id hashes never verify and always need a rehash")
    func malformedHashes() throws {
        let hash = try hasher.hash(password: password)
        let withoutOutput = String(hash[...(try #require(hash.lastIndex(of: "$")))])
        let malformed = [
            "",
            "garbage",
            "$argon2id$",
            "$argon2id$v=19$m=8192,t=1,p=1$",
            String(hash.prefix(20)),
            withoutOutput,
            hash + "\u{0}",
            hash + "\u{0}junk",
            "$argon2i$" + hash.dropFirst("$argon2id$".count),
        ]

        for candidate in malformed {
            #expect(!hasher.verify(password: password, hash: candidate), "\(candidate)")
            #expect(hasher.needsRehash(candidate), "\(candidate)")
        }
    }

    @Test("hashing with parameters libsodium would refuse throws before calling it")
    func invalidParametersThrow() {
        let invalid = PasswordHasher(parameters: Argon2idParameters(iterations: 0, memoryBytes: 8 << 20))

        let error = #expect(throws: PasswordHashError.self) {
            try invalid.hash(password: password)
        }
        guard case .invalidParameters = error else {
            Issue.record("expected invalidParameters, got \(String(describing: error))")
            return
        }
    }
}
