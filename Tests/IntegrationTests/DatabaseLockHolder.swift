import Foundation

/// Another process holding SQLite's write lock on the server's database,
/// as a backup job or an operator's shell would: an interactive `sqlite3`
/// inside `BEGIN IMMEDIATE` until told to commit.
final class DatabaseLockHolder {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    init(databasePath: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-batch", databasePath]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    /// Takes the write lock and returns once sqlite3 says it holds it.
    func begin() throws {
        try send("BEGIN IMMEDIATE;\nSELECT 'lock taken';\n", until: "lock taken")
    }

    func commit() throws {
        try send("COMMIT;\nSELECT 'lock released';\n", until: "lock released")
    }

    func close() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    private func send(_ commands: String, until marker: String) throws {
        input.fileHandleForWriting.write(Data(commands.utf8))
        var seen = ""
        while !seen.contains(marker) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw TestFailure("sqlite3 ended early: \(seen)") }
            seen += String(decoding: chunk, as: UTF8.self)
        }
    }

    deinit {
        if process.isRunning {
            process.terminate()
        }
    }
}
