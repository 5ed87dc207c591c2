import Foundation
import KomsTestSupport
import Testing

/// The database failing under the server: held locks, a full disk,
/// database files that refuse writes. Writes answer 503 with Retry-After and a log line,
/// reads go on where SQLite can serve them, and the server recovers by
/// itself once the condition clears.
///
/// The disk faults (a small tmpfs, the immutable flag) need root; CI runs as root.
@Suite("Storage faults answer 503 and recover")
struct StorageFaultTests {
    @Test("a write lock held elsewhere: writes answer 503 after the busy timeout, reads go on, then all recovers")
    func heldWriteLock() throws {
        let server = try TestServer(busyTimeoutMilliseconds: 200)
        let api = try APIClient(server)
        let pair = try api.newSession(email: "locked@example.com")

        let holder = try DatabaseLockHolder(databasePath: server.databasePath)
        try holder.begin()

        let refused = try api.refresh(pair)
        #expect(refused.status == 503)
        #expect(refused.code == "unavailable")
        #expect(refused.header("Retry-After") == "1")
        #expect(try api.signUp("blocked@example.com", "correct horse battery").status == 503)
        #expect(try api.readSession(pair.access).status == 200, "WAL readers are not blocked by a writer")
        #expect(server.logs.lines.contains { $0.contains("database unavailable") })

        try holder.commit()
        holder.close()
        #expect(try api.refresh(pair).status == 200, "the refused refresh changed nothing")
        #expect(try api.signUp("blocked@example.com", "correct horse battery").status == 201)
    }

    @Test(
        "a full disk: writes answer 503, nothing half-written, and writes work again once space is freed",
        .enabled(if: getuid() == 0, "mounting a tmpfs needs root")
    )
    func fullDisk() throws {
        let mount = try SmallFilesystem(megabytes: 2)
        defer { mount.remove() }
        let server = try TestServer(directory: mount.path)
        let api = try APIClient(server)
        let pair = try api.newSession(email: "first@example.com")

        let filler = mount.path.appendingPathComponent("filler")
        try fillFilesystem(with: filler)

        var answers: [Int] = []
        for index in 0..<20 {
            answers.append(try api.signUp("full-\(index)@example.com", "correct horse battery").status)
        }
        #expect(answers.contains(503))
        #expect(answers.allSatisfy { $0 == 201 || $0 == 503 })
        let login = try api.logIn("first@example.com", "correct horse battery")
        #expect(login.status == 503 || login.status == 200)
        #expect(try api.readSession(pair.access).status == 200)
        #expect(server.logs.lines.contains { $0.contains("database unavailable") })

        try FileManager.default.removeItem(at: filler)
        for (index, status) in answers.enumerated() where status == 503 {
            let retried = try api.signUp("full-\(index)@example.com", "correct horse battery")
            #expect(retried.status == 201, "a refused sign-up left no account behind")
        }
        #expect(try api.refresh(pair).status == 200)
    }

    @Test(
        "database files that refuse writes (immutable): writes answer 503, reads go on, then all recovers",
        .enabled(if: getuid() == 0, "chattr +i needs root")
    )
    func unwritableFiles() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let pair = try api.newSession(email: "frozen@example.com")
        let files = [server.databasePath, server.databasePath + "-wal"]

        try chattr("+i", files)
        defer { try? chattr("-i", files) }
        let refused = try api.signUp("frozen-out@example.com", "correct horse battery")
        #expect(refused.status == 503)
        #expect(refused.code == "unavailable")
        #expect(try api.refresh(pair).status == 503)
        #expect(try api.readSession(pair.access).status == 200)
        #expect(server.logs.lines.contains { $0.contains("database unavailable") })

        try chattr("-i", files)
        #expect(try api.signUp("frozen-out@example.com", "correct horse battery").status == 201)
        #expect(try api.refresh(pair).status == 200)
    }
}

/// Sets or clears a file attribute, such as the immutable flag.
private func chattr(_ change: String, _ files: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["chattr", change] + files
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw TestFailure("chattr \(change) failed") }
}

/// Writes into `file` until the filesystem has no room left.
private func fillFilesystem(with file: URL) throws {
    _ = FileManager.default.createFile(atPath: file.path, contents: nil)
    let handle = try FileHandle(forWritingTo: file)
    defer { try? handle.close() }
    let chunk = Data(count: 16 * 1024)
    while (try? handle.write(contentsOf: chunk)) != nil {}
}
