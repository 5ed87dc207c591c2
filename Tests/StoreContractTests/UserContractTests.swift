import SessionCore
import Testing

@Suite("Store contract: users")
struct UserContractTests {
    @Test("a user is found by id and by email key", arguments: StoreKind.allCases)
    func lookups(kind: StoreKind) throws {
        let opened = try kind.open()
        var fixtures = Fixtures()
        let user = fixtures.user(email: "Ada@Example.com")
        try opened.store.insertUser(user)

        #expect(try opened.store.user(id: user.id) == user)
        #expect(try opened.store.user(emailKey: "ada@example.com") == user)
        #expect(try opened.store.user(emailKey: "Ada@Example.com") == nil, "the key is what is compared")
        #expect(try opened.store.user(id: "no such user") == nil)
    }

    @Test("a taken email key is refused as a duplicate", arguments: StoreKind.allCases)
    func duplicateEmail(kind: StoreKind) throws {
        let opened = try kind.open()
        var fixtures = Fixtures()
        try opened.store.insertUser(fixtures.user(email: "same@example.com"))
        #expect(throws: StoreError.duplicateEmail) {
            try opened.store.insertUser(fixtures.user(email: "same@example.com"))
        }
    }

    @Test("a password hash is replaced", arguments: StoreKind.allCases)
    func passwordUpdate(kind: StoreKind) throws {
        let opened = try kind.open()
        var fixtures = Fixtures()
        let user = fixtures.user()
        try opened.store.insertUser(user)
        try opened.store.updatePasswordHash(userID: user.id, to: "$argon2id$v=19$m=16,t=2,p=1$bmV3$bmV3")
        #expect(try opened.store.user(id: user.id)?.passwordHash == "$argon2id$v=19$m=16,t=2,p=1$bmV3$bmV3")
    }
}
