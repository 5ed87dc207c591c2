import SessionCore
import Testing

@Suite("Store contract: clients")
struct ClientContractTests {
    @Test("a client reads back as written, with its lifetimes and origins", arguments: StoreKind.allCases)
    func roundTrip(kind: StoreKind) throws {
        let opened = try kind.open()
        var fixtures = Fixtures()
        var client = fixtures.client()
        client.accessTokenLifetimeSeconds = 60
        client.allowedOrigins = ["https://a.example", "http://localhost:3000"]
        let bare = fixtures.client()
        try opened.store.insertClient(client)
        try opened.store.insertClient(bare)

        #expect(try opened.store.client(id: client.id) == client)
        #expect(try opened.store.client(id: bare.id) == bare)
        #expect(try opened.store.client(id: "no such client") == nil)
    }

    @Test("clients are listed by creation time, then id", arguments: StoreKind.allCases)
    func listing(kind: StoreKind) throws {
        let opened = try kind.open()
        var fixtures = Fixtures()
        let late = fixtures.client(createdAt: 9_000)
        let early = fixtures.client(createdAt: 1_000)
        let alsoEarly = fixtures.client(createdAt: 1_000)
        for client in [late, alsoEarly, early] {
            try opened.store.insertClient(client)
        }
        #expect(try opened.store.clients().map(\.id) == [early.id, alsoEarly.id, late.id])
    }

    @Test("disabling a client ends its sessions and no other client's", arguments: StoreKind.allCases)
    func disabling(kind: StoreKind) throws {
        let opened = try kind.open()
        var fixtures = Fixtures()
        let (doomed, kept, user) = (fixtures.client(), fixtures.client(), fixtures.user())
        try opened.store.insertClient(doomed)
        try opened.store.insertClient(kept)
        try opened.store.insertUser(user)
        let ending = fixtures.session(user: user, client: doomed)
        let staying = fixtures.session(user: user, client: kept)
        try opened.store.insertSession(ending, keepingAtMost: .max)
        try opened.store.insertSession(staying, keepingAtMost: .max)

        #expect(try opened.store.disableClient(id: doomed.id))
        #expect(try opened.store.client(id: doomed.id)?.isEnabled == false)
        #expect(try opened.store.authenticatedSession(accessTokenHash: ending.accessTokenHash) == nil)
        #expect(try opened.store.session(refreshFamily: ending.refreshFamily) == nil)
        #expect(try opened.store.session(refreshFamily: staying.refreshFamily) == staying)
        #expect(try opened.store.disableClient(id: "no such client") == false)
    }
}
