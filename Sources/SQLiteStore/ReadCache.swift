import SessionCore
import Synchronization

/// Token checks and client lookups answered from memory while the database
/// has not changed in a way the cache does not know of.
///
/// A read of the database costs more than the rest of a token check: each
/// read transaction takes a lock on the WAL index under a process-wide
/// mutex, with `fcntl` calls. Entries stay true to the database because:
/// - each write of this process that ends or changes a session or a
///   client removes what it changed, after its commit and before its
///   caller hears back;
/// - an entry is used only while the WAL index carries the stamp this
///   process's writer last saw. A commit from another process, such as
///   `koms client disable`, changes the stamp, so checks read the database
///   until the writer has emptied the cache and taken the new stamp;
/// - a check that read the database fills the cache only if nothing was
///   removed since before its read.
///
/// Only what was found is kept, so unknown tokens and client ids always
/// reach the database. Each shard holds at most `entriesPerShard` sessions
/// and is emptied when full; clients are few.
final class ReadCache: Sendable {
    static let shardCount = 16
    static let entriesPerShard = 2048

    private struct Shard {
        var entries: [HashKey: AuthenticatedSession] = [:]
        var accessHashes: [String: HashKey] = [:]
        var clients: [String: ClientApplication] = [:]
    }

    /// A shard's lock; in a class, since an array cannot hold a Mutex.
    private final class ShardBox: Sendable {
        let shard = Mutex(Shard())
    }

    private let shards: [ShardBox]
    private let index: WALIndex
    /// Raised before every removal; a fill that saw another value is dropped.
    private let generation = Atomic<UInt64>(0)
    /// The stamp the entries are true for; nil when it is not known.
    private let expected = StampCell()
    /// The stamp when the writer's current batch began; the writer's alone.
    private let batchStart = Mutex<WALStamp?>(nil)
    private let isResyncClaimed = Atomic<Bool>(false)
    private let isRetired = Atomic<Bool>(false)

    init(index: WALIndex) {
        self.index = index
        shards = (0..<Self.shardCount).map { _ in ShardBox() }
        expected.store(index.stamp())
    }

    enum Lookup<Value> {
        case hit(Value)
        case miss
        /// The database changed in a way the cache has not caught up with.
        case stale
    }

    func lookup(accessHash: [UInt8]) -> Lookup<AuthenticatedSession> {
        guard isCurrent else { return .stale }
        return shard(for: accessHash).shard.withLock { $0.entries[HashKey(accessHash)] }.map(Lookup.hit) ?? .miss
    }

    func lookup(clientID: String) -> Lookup<ClientApplication> {
        guard isCurrent else { return .stale }
        return shard(for: clientID).shard.withLock { $0.clients[clientID] }.map(Lookup.hit) ?? .miss
    }

    private var isCurrent: Bool {
        guard !isRetired.load(ordering: .acquiring), let current = index.stamp() else { return false }
        return current == expected.load()
    }

    /// True for the first caller after a stale lookup, until the next
    /// batch begins: that caller submits an empty write, so that the writer
    /// notices another process's commit even when it has nothing of its
    /// own to write.
    func claimResync() -> Bool {
        !isResyncClaimed.exchange(true, ordering: .acquiringAndReleasing)
    }

    /// Stops reading the WAL index, before the store's connections close.
    func retire() {
        isRetired.store(true, ordering: .releasing)
    }

    /// Taken before reading the database, and handed to `fill` after.
    func fillTicket() -> UInt64 {
        generation.load(ordering: .sequentiallyConsistent)
    }

    func fill(_ session: AuthenticatedSession, accessHash: [UInt8], ticket: UInt64) {
        shard(for: accessHash).shard.withLock { shard in
            guard generation.load(ordering: .sequentiallyConsistent) == ticket else { return }
            if shard.entries.count >= Self.entriesPerShard {
                shard = Shard()
            }
            shard.entries[HashKey(accessHash)] = session
            shard.accessHashes[session.sessionID] = HashKey(accessHash)
        }
    }

    func fill(_ client: ClientApplication, ticket: UInt64) {
        shard(for: client.id).shard.withLock { shard in
            guard generation.load(ordering: .sequentiallyConsistent) == ticket else { return }
            shard.clients[client.id] = client
        }
    }

    /// After a commit that replaced this access token.
    func forget(accessHash: [UInt8]) {
        generation.add(1, ordering: .sequentiallyConsistent)
        shard(for: accessHash).shard.withLock { shard in
            if let session = shard.entries.removeValue(forKey: HashKey(accessHash)) {
                shard.accessHashes[session.sessionID] = nil
            }
        }
    }

    /// After a commit that deleted this session.
    func forget(sessionID: String) {
        generation.add(1, ordering: .sequentiallyConsistent)
        for box in shards {
            box.shard.withLock { shard in
                if let accessHash = shard.accessHashes.removeValue(forKey: sessionID) {
                    shard.entries[accessHash] = nil
                }
            }
        }
    }

    /// After a commit that may have changed many sessions or a client.
    func forgetAll() {
        generation.add(1, ordering: .sequentiallyConsistent)
        for box in shards {
            box.shard.withLock { $0 = Shard() }
        }
    }

    private func shard(for accessHash: [UInt8]) -> ShardBox {
        shards[Int(accessHash.first ?? 0) % Self.shardCount]
    }

    private func shard(for clientID: String) -> ShardBox {
        shards[Int(clientID.utf8.last ?? 0) % Self.shardCount]
    }
}

extension ReadCache: WriteBatchObserver {
    /// With the write lock held, no commit is under way: a stamp other than
    /// the expected one means another process committed.
    func batchBegan() {
        guard !isRetired.load(ordering: .acquiring) else { return }
        isResyncClaimed.store(false, ordering: .releasing)
        let now = index.stamp()
        if now == nil || now != expected.load() {
            forgetAll()
        }
        batchStart.withLock { $0 = now }
    }

    /// After the commit and its removals. The new stamp is this process's
    /// own only if the commit counter moved by exactly this batch's commit;
    /// otherwise the stamp stays unknown until the next batch begins.
    func batchEnded(committedChanges: Bool) {
        guard !isRetired.load(ordering: .acquiring) else { return }
        let start = batchStart.withLock { $0 }
        guard let start, let end = index.stamp() else {
            return expected.store(nil)
        }
        let own =
            committedChanges
            ? end.commitCount == start.commitCount &+ 1
            : end == start
        expected.store(own ? end : nil)
    }
}

/// A stamp that one thread writes and many read, without a lock: a
/// sequence lock, whose readers take a stamp being written as unknown.
private final class StampCell: Sendable {
    private let sequence = Atomic<UInt64>(0)
    private let counters = Atomic<UInt64>(0)
    private let checksum = Atomic<UInt64>(0)
    private let isKnown = Atomic<Bool>(false)

    func load() -> WALStamp? {
        let before = sequence.load(ordering: .acquiring)
        guard before & 1 == 0 else { return nil }
        let stamp = WALStamp(
            counters: counters.load(ordering: .relaxed),
            checksum: checksum.load(ordering: .relaxed)
        )
        let known = isKnown.load(ordering: .relaxed)
        atomicMemoryFence(ordering: .acquiring)
        guard sequence.load(ordering: .relaxed) == before, known else { return nil }
        return stamp
    }

    /// Only ever called from one thread at a time.
    func store(_ stamp: WALStamp?) {
        let before = sequence.load(ordering: .relaxed)
        sequence.store(before &+ 1, ordering: .relaxed)
        atomicMemoryFence(ordering: .releasing)
        counters.store(stamp?.counters ?? 0, ordering: .relaxed)
        checksum.store(stamp?.checksum ?? 0, ordering: .relaxed)
        isKnown.store(stamp != nil, ordering: .relaxed)
        sequence.store(before &+ 2, ordering: .releasing)
    }
}

/// A token hash as a dictionary key, hashed in one pass over its bytes:
/// an array of bytes feeds the hasher one byte at a time.
struct HashKey: Hashable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
