import Foundation
import SessionCore
import Testing

@testable import SQLiteStore

@Suite("Read cache")
struct ReadCacheTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("koms-cache-\(UUID().uuidString).sqlite")
        .path
    let session = AuthenticatedSession(
        sessionID: "s",
        clientID: "c",
        accessExpiresAt: Timestamp(millisecondsSinceEpoch: 1),
        clientIsEnabled: true,
        user: UserIdentity(id: "u", email: "a@example.com")
    )
    let hash = [UInt8](repeating: 7, count: 32)

    func isHit<Value>(_ lookup: ReadCache.Lookup<Value>) -> Bool {
        if case .hit = lookup { return true }
        return false
    }

    @Test("a fill that began before a removal is dropped; one after it is kept")
    func racingFill() throws {
        let store = try SQLiteSessionStore(path: path, connections: 1)
        defer { store.close() }
        let cache = try #require(store.readCache)

        let early = cache.fillTicket()
        cache.forget(sessionID: "another session")
        cache.fill(session, accessHash: hash, ticket: early)
        #expect(!isHit(cache.lookup(accessHash: hash)))

        cache.fill(session, accessHash: hash, ticket: cache.fillTicket())
        #expect(isHit(cache.lookup(accessHash: hash)))
        cache.forget(sessionID: "s")
        #expect(!isHit(cache.lookup(accessHash: hash)))
    }

    @Test("another connection's commit makes lookups stale until the writer's next batch empties the cache")
    func foreignCommit() throws {
        let store = try SQLiteSessionStore(path: path, connections: 1)
        defer { store.close() }
        let cache = try #require(store.readCache)
        try store.writer.write { _ throws(SQLiteError) in }
        cache.fill(session, accessHash: hash, ticket: cache.fillTicket())
        #expect(isHit(cache.lookup(accessHash: hash)))

        let other = try SQLiteConnection(path: path, busyTimeoutMilliseconds: 1000)
        try other.execute("INSERT INTO clients (id, name, created_at) VALUES ('x', 'x', 0)")
        guard case .stale = cache.lookup(accessHash: hash) else {
            Issue.record("a foreign commit went unseen")
            return
        }
        #expect(cache.claimResync())
        #expect(!cache.claimResync(), "one resync at a time")

        try store.writer.write { _ throws(SQLiteError) in }
        guard case .miss = cache.lookup(accessHash: hash) else {
            Issue.record("the writer's batch did not empty the cache and take the new stamp")
            return
        }
        #expect(cache.claimResync(), "the batch ended the claim")
    }

    @Test("the writer's own commits keep the cache")
    func ownCommits() throws {
        let store = try SQLiteSessionStore(path: path, connections: 1)
        defer { store.close() }
        let cache = try #require(store.readCache)
        cache.fill(session, accessHash: hash, ticket: cache.fillTicket())
        for index in 0..<3 {
            try store.writer.write { connection throws(SQLiteError) in
                try connection.statement("INSERT INTO clients (id, name, created_at) VALUES (?1, 'x', 0)")
                    .execute([.text("client \(index)")])
            }
            #expect(isHit(cache.lookup(accessHash: hash)))
        }
    }

    @Test("a client read once is answered from memory until a write of clients empties the cache")
    func clients() throws {
        let store = try SQLiteSessionStore(path: path, connections: 1)
        defer { store.close() }
        let cache = try #require(store.readCache)
        let client = ClientApplication(id: "app", name: "app", createdAt: Timestamp(millisecondsSinceEpoch: 0))
        try store.insertClient(client)
        #expect(!isHit(cache.lookup(clientID: "app")), "an insert fills nothing")

        #expect(try store.client(id: "app")?.isEnabled == true)
        #expect(isHit(cache.lookup(clientID: "app")))
        #expect(try store.disableClient(id: "app"))
        #expect(!isHit(cache.lookup(clientID: "app")))
        #expect(try store.client(id: "app")?.isEnabled == false)
    }
}
