import Foundation
import Testing

@testable import SQLiteStore

@Suite("Group commit")
struct GroupCommitWriterTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("koms-writer-\(UUID().uuidString).sqlite")
        .path

    func makeWriter() throws -> GroupCommitWriter {
        let connection = try SQLiteConnection(path: path, busyTimeoutMilliseconds: 1000)
        try connection.execute("CREATE TABLE items (name TEXT PRIMARY KEY)")
        return GroupCommitWriter(connection: connection)
    }

    func names() throws -> [String] {
        let reader = try SQLiteConnection(path: path, busyTimeoutMilliseconds: 1000)
        var found: [String] = []
        try reader.statement("SELECT name FROM items ORDER BY name").query([]) { row throws(SQLiteError) in
            found.append(row.text(0))
        }
        return found
    }

    @Test("writes submitted together commit together, and one that fails rolls back alone")
    func savepoints() throws {
        let writer = try makeWriter()
        defer { writer.close() }
        let done = DispatchGroup()
        let outcomes = OutcomeLog()
        for name in ["a", "b", "a", "c"] {
            done.enter()
            writer.submit({ connection throws(SQLiteError) in
                try connection.statement("INSERT INTO items (name) VALUES (?1)").execute([.text(name)])
            }) { outcome in
                outcomes.append(name, succeeded: (try? outcome.get()) != nil)
                done.leave()
            }
        }
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(try names() == ["a", "b", "c"])
        #expect(outcomes.failures == ["a"], "the second insert of a broke its unique key")
    }

    @Test("a waiting write returns its result; after close, writes fail instead of hanging")
    func waitingAndClosed() throws {
        let writer = try makeWriter()
        let changed = try writer.write { connection throws(SQLiteError) in
            try connection.statement("INSERT INTO items (name) VALUES ('x')").execute([])
        }
        #expect(changed == 1)
        writer.close()
        writer.close()
        #expect(throws: SQLiteError.self) {
            try writer.write { connection throws(SQLiteError) in
                try connection.statement("INSERT INTO items (name) VALUES ('y')").execute([])
            }
        }
        #expect(try names() == ["x"])
    }
}

/// Completions run on the writer's thread; the lock makes their record safe to read after.
private final class OutcomeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var failed: [String] = []

    func append(_ name: String, succeeded: Bool) {
        lock.withLock {
            if !succeeded { failed.append(name) }
        }
    }

    var failures: [String] { lock.withLock { failed } }
}
