import Foundation

/// The `sqlite3` command-line shell (scripts/install-dependencies installs
/// it), so that a test can inspect a database the way an operator would,
/// without going through the server's own store.
enum SQLiteShell {
    /// The output of one statement on the database, trimmed.
    static func query(_ databasePath: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-batch", databasePath, sql]
        // One pipe for both streams: reading two in turn could deadlock.
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        guard process.terminationStatus == 0 else {
            throw TestFailure("sqlite3 \(sql) failed: \(text)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
