import SessionCore
import Testing

@Suite("Copying between stores")
struct StoreCopyContractTests {
    static let directions: [(StoreKind, StoreKind)] = [(.sqlite, .postgres), (.postgres, .sqlite)]
    let now = Timestamp(millisecondsSinceEpoch: 5_000_000)

    @Test("clients, users and live sessions arrive as they were; expired sessions stay behind", arguments: directions)
    func copy(from sourceKind: StoreKind, to targetKind: StoreKind) throws {
        let (source, target) = (try sourceKind.open(), try targetKind.open())
        var fixtures = Fixtures()
        let client = fixtures.client()
        let users = (0..<5).map { _ in fixtures.user() }
        try source.store.insertClient(client)
        for user in users {
            try source.store.insertUser(user)
        }
        var live = try users.map { user in
            let session = fixtures.session(user: user, client: client)
            try source.store.insertSession(session, keepingAtMost: .max)
            return session
        }
        let rotation = fixtures.rotation(replacing: live[0])
        #expect(try rotate(live[0], to: rotation, in: source.store))
        live[0] = try #require(try source.store.session(refreshFamily: live[0].refreshFamily))
        let expired = fixtures.session(user: users[0], client: client, refreshExpiresAt: now.millisecondsSinceEpoch)
        try source.store.insertSession(expired, keepingAtMost: .max)

        var reports: [StoreCopy.Progress] = []
        let done = try StoreCopy(from: source.store, to: target.store, pageSize: 2).run(merge: false, now: now) {
            reports.append($0)
        }
        #expect(done.clientsCopied == 1 && done.usersCopied == 5 && done.sessionsCopied == 5)
        #expect(done.sessionsRead == 5, "the expired session is not read")
        #expect(reports.count == 1 + 3 + 3, "one report for the clients, then one per page")

        #expect(try target.store.client(id: client.id) == client)
        for user in users {
            #expect(try target.store.user(id: user.id) == user)
        }
        for session in live {
            #expect(try target.store.session(refreshFamily: session.refreshFamily) == session)
        }
        #expect(live[0].previous != nil, "the pair before the last refresh came along, for retries within the grace")
        #expect(try target.store.session(refreshFamily: expired.refreshFamily) == nil)
    }

    @Test("a target with users is refused unless merging, and a merge adds only what is missing", arguments: directions)
    func merge(from sourceKind: StoreKind, to targetKind: StoreKind) throws {
        let (source, target) = (try sourceKind.open(), try targetKind.open())
        var fixtures = Fixtures()
        let client = fixtures.client()
        let shared = fixtures.user(email: "both@example.com")
        let onlyInSource = fixtures.user()
        let sameEmail = fixtures.user(email: "both@example.com")
        for store in [source.store, target.store] {
            try store.insertClient(client)
        }
        try source.store.insertUser(shared)
        try source.store.insertUser(onlyInSource)
        try target.store.insertUser(sameEmail)
        let orphan = fixtures.session(user: shared, client: client)
        let kept = fixtures.session(user: onlyInSource, client: client)
        try source.store.insertSession(orphan, keepingAtMost: .max)
        try source.store.insertSession(kept, keepingAtMost: .max)

        let copy = StoreCopy(from: source.store, to: target.store)
        #expect(throws: StoreCopy.Failure.targetNotEmpty(users: 1)) {
            try copy.run(merge: false, now: now) { _ in }
        }
        let first = try copy.run(merge: true, now: now) { _ in }
        #expect(first.clientsCopied == 0 && first.usersCopied == 1 && first.sessionsCopied == 1)
        #expect(try target.store.user(emailKey: "both@example.com") == sameEmail, "the target's account is kept")
        #expect(try target.store.session(refreshFamily: orphan.refreshFamily) == nil, "its user is not the target's")
        #expect(try target.store.session(refreshFamily: kept.refreshFamily) == kept)

        let second = try copy.run(merge: true, now: now) { _ in }
        #expect(second.usersCopied == 0 && second.sessionsCopied == 0 && second.sessionsRead == 2)
    }
}
