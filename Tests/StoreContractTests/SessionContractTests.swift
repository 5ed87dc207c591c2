import Dispatch
import SessionCore
import Synchronization
import Testing

@Suite("Store contract: sessions")
struct SessionContractTests {
    /// A store with one client and one user, and a session of theirs.
    struct World {
        let opened: OpenedStore
        var fixtures = Fixtures()
        let client: ClientApplication
        let user: User

        init(_ kind: StoreKind) throws {
            opened = try kind.open()
            client = fixtures.client()
            user = fixtures.user()
            try opened.store.insertClient(client)
            try opened.store.insertUser(user)
        }

        var store: any SessionStore { opened.store }

        mutating func newSession(refreshExpiresAt: Int64 = 9_000_000) throws -> SessionRecord {
            let session = fixtures.session(user: user, client: client, refreshExpiresAt: refreshExpiresAt)
            try store.insertSession(session, keepingAtMost: .max)
            return session
        }
    }

    @Test("a token check finds the session with its client's state and its user", arguments: StoreKind.allCases)
    func tokenCheck(kind: StoreKind) throws {
        var world = try World(kind)
        let session = try world.newSession()
        let found = try world.store.authenticatedSession(accessTokenHash: session.accessTokenHash)
        #expect(
            found
                == AuthenticatedSession(
                    sessionID: session.id,
                    clientID: world.client.id,
                    accessExpiresAt: session.accessExpiresAt,
                    clientIsEnabled: true,
                    user: UserIdentity(id: world.user.id, email: world.user.email)
                )
        )
        #expect(try world.store.authenticatedSession(accessTokenHash: session.refreshTokenHash) == nil)
        #expect(try world.store.session(refreshFamily: session.refreshFamily) == session)
        #expect(try world.store.session(refreshFamily: session.accessTokenHash) == nil)
    }

    @Test("a rotation replaces the pair and keeps the old one as previous", arguments: StoreKind.allCases)
    func rotation(kind: StoreKind) throws {
        var world = try World(kind)
        let session = try world.newSession()
        let rotation = world.fixtures.rotation(replacing: session)
        #expect(try rotate(session, to: rotation, in: world.store))

        var expected = session
        expected.accessTokenHash = rotation.accessTokenHash
        expected.refreshTokenHash = rotation.refreshTokenHash
        expected.accessExpiresAt = rotation.accessExpiresAt
        expected.previous = rotation.previous
        #expect(try world.store.session(refreshFamily: session.refreshFamily) == expected)
        #expect(try world.store.authenticatedSession(accessTokenHash: session.accessTokenHash) == nil)
        #expect(
            try world.store.authenticatedSession(accessTokenHash: rotation.accessTokenHash)?.sessionID == session.id
        )
    }

    @Test("a rotation from a pair that is no longer current changes nothing", arguments: StoreKind.allCases)
    func staleRotation(kind: StoreKind) throws {
        var world = try World(kind)
        let session = try world.newSession()
        let first = world.fixtures.rotation(replacing: session)
        let second = world.fixtures.rotation(replacing: session)
        #expect(try rotate(session, to: first, in: world.store))
        #expect(try rotate(session, to: second, in: world.store) == false)
        #expect(try rotate(session, to: second, in: world.store, id: "no such session") == false)
        #expect(
            try world.store.session(refreshFamily: session.refreshFamily)?.refreshTokenHash == first.refreshTokenHash
        )
    }

    @Test("of many rotations of one pair at once, exactly one wins", arguments: StoreKind.allCases)
    func rotationRace(kind: StoreKind) throws {
        var world = try World(kind)
        let session = try world.newSession()
        let rotations = (0..<16).map { _ in world.fixtures.rotation(replacing: session) }
        let store = world.store
        let wins = Atomic(0)
        let failures = Atomic(0)
        DispatchQueue.concurrentPerform(iterations: rotations.count) { index in
            do {
                if try rotate(session, to: rotations[index], in: store) { wins.add(1, ordering: .relaxed) }
            } catch {
                failures.add(1, ordering: .relaxed)
            }
        }
        #expect(wins.load(ordering: .relaxed) == 1)
        #expect(failures.load(ordering: .relaxed) == 0)
        let current = try #require(try store.session(refreshFamily: session.refreshFamily))
        #expect(rotations.contains { $0.refreshTokenHash == current.refreshTokenHash })
    }

    @Test(
        "a session beyond the user's limit ends the user's oldest, cached or not, and no one else's",
        arguments: StoreKind.allCases
    )
    func sessionLimit(kind: StoreKind) throws {
        var world = try World(kind)
        let other = world.fixtures.user()
        try world.store.insertUser(other)
        let othersSession = world.fixtures.session(user: other, client: world.client)
        try world.store.insertSession(othersSession, keepingAtMost: 1)

        var sessions: [SessionRecord] = []
        for _ in 0..<3 {
            let session = world.fixtures.session(user: world.user, client: world.client)
            try world.store.insertSession(session, keepingAtMost: 3)
            sessions.append(session)
        }
        // Checked once first, so that a store with a read cache holds them.
        for session in sessions + [othersSession] {
            #expect(try world.store.authenticatedSession(accessTokenHash: session.accessTokenHash) != nil)
        }

        let newest = world.fixtures.session(user: world.user, client: world.client)
        try world.store.insertSession(newest, keepingAtMost: 2)
        let kept = try (sessions + [newest, othersSession]).map { session in
            try world.store.authenticatedSession(accessTokenHash: session.accessTokenHash) != nil
        }
        #expect(kept == [false, false, true, true, true])
    }

    @Test("a deleted session is gone, and deleting it again succeeds", arguments: StoreKind.allCases)
    func deletion(kind: StoreKind) throws {
        var world = try World(kind)
        let session = try world.newSession()
        let other = try world.newSession()
        try waitFor { world.store.deleteSession(id: session.id, completion: $0) }
        #expect(try world.store.authenticatedSession(accessTokenHash: session.accessTokenHash) == nil)
        #expect(try world.store.session(refreshFamily: session.refreshFamily) == nil)
        #expect(try world.store.session(refreshFamily: other.refreshFamily) == other)
        try waitFor { world.store.deleteSession(id: session.id, completion: $0) }
    }

    @Test("live sessions are those whose refresh deadline is still ahead", arguments: StoreKind.allCases)
    func liveCount(kind: StoreKind) throws {
        var world = try World(kind)
        for deadline: Int64 in [1_000, 2_000, 3_000, 4_000] {
            _ = try world.newSession(refreshExpiresAt: deadline)
        }
        #expect(try world.store.countLiveSessions(now: Timestamp(millisecondsSinceEpoch: 2_000)) == 2)
        #expect(try world.store.countLiveSessions(now: Timestamp(millisecondsSinceEpoch: 4_000)) == 0)
    }

    @Test("the sweep deletes sessions past the cutoff, at most a batch at a time", arguments: StoreKind.allCases)
    func sweep(kind: StoreKind) throws {
        var world = try World(kind)
        let dead = try (0..<5).map { _ in try world.newSession(refreshExpiresAt: 1_000) }
        let live = try world.newSession(refreshExpiresAt: 10_000)
        let batches = try sweepInBatchesOfThree(
            world.store,
            sessionsBefore: Timestamp(millisecondsSinceEpoch: 5_000),
            unusedSince: Timestamp(millisecondsSinceEpoch: 0)
        )
        #expect(batches == [3, 2, 0])
        for session in dead {
            #expect(try world.store.session(refreshFamily: session.refreshFamily) == nil)
        }
        #expect(try world.store.session(refreshFamily: live.refreshFamily) == live)
    }

    @Test(
        "the sweep deletes sessions unused since the idle cutoff, counting a refresh as use",
        arguments: StoreKind.allCases
    )
    func sweepIdle(kind: StoreKind) throws {
        var world = try World(kind)
        // Logged in at about 3 s, their deadline far ahead; one refreshed at 6 s.
        let idle = try (0..<4).map { _ in try world.newSession() }
        let refreshed = try world.newSession()
        let rotation = world.fixtures.rotation(replacing: refreshed)
        #expect(try rotate(refreshed, to: rotation, in: world.store))
        let beforeAnyDeadline = Timestamp(millisecondsSinceEpoch: 0)

        let batches = try sweepInBatchesOfThree(
            world.store,
            sessionsBefore: beforeAnyDeadline,
            unusedSince: Timestamp(millisecondsSinceEpoch: 5_000)
        )
        #expect(batches == [3, 1, 0])
        for session in idle {
            #expect(try world.store.session(refreshFamily: session.refreshFamily) == nil)
        }
        #expect(try world.store.session(refreshFamily: refreshed.refreshFamily) != nil)
        let later = try sweepInBatchesOfThree(
            world.store,
            sessionsBefore: beforeAnyDeadline,
            unusedSince: Timestamp(millisecondsSinceEpoch: 7_000)
        )
        #expect(later == [1, 0])
    }

    @Test("expired and idle sessions share one batch's limit", arguments: StoreKind.allCases)
    func sweepExpiredAndIdle(kind: StoreKind) throws {
        var world = try World(kind)
        let expired = try (0..<2).map { _ in try world.newSession(refreshExpiresAt: 1_000) }
        let idle = try (0..<3).map { _ in try world.newSession() }

        let batches = try sweepInBatchesOfThree(
            world.store,
            sessionsBefore: Timestamp(millisecondsSinceEpoch: 5_000),
            unusedSince: Timestamp(millisecondsSinceEpoch: 5_000)
        )
        #expect(batches == [3, 2, 0])
        for session in expired + idle {
            #expect(try world.store.session(refreshFamily: session.refreshFamily) == nil)
        }
    }

    /// What each sweep of up to three sessions removed, up to the first that removed none.
    private func sweepInBatchesOfThree(
        _ store: any SessionStore,
        sessionsBefore: Timestamp,
        unusedSince: Timestamp
    ) throws -> [Int] {
        var batches: [Int] = []
        repeat {
            batches.append(try store.sweep(sessionsBefore: sessionsBefore, unusedSince: unusedSince, limit: 3))
        } while batches.last != 0 && batches.count < 10
        return batches
    }

    @Test("a reachable, writable store reports ready", arguments: StoreKind.allCases)
    func readiness(kind: StoreKind) throws {
        let world = try World(kind)
        try waitFor { world.store.checkReadiness(completion: $0) }
    }
}
