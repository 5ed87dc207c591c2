internal import Foundation

/// A fresh folder under the temporary directory, owned by the server
/// account and removed with everything in it when the last reference goes,
/// so a start that fails half-way leaves nothing behind.
final class TemporaryFolder: Sendable {
    let path: String

    init(prefix: String, for account: ServerAccount) throws(PostgresClusterError) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        } catch {
            throw PostgresClusterError(command: "mkdir \(url.path)", outcome: "failed", output: "\(error)")
        }
        path = url.path
        try account.handOver(path)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The last `count` lines of the file `name` in this folder, or "" when
    /// it cannot be read.
    func tail(of name: String, lines count: Int = 30) -> String {
        guard let text = try? String(contentsOfFile: "\(path)/\(name)", encoding: .utf8) else { return "" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(count).joined(separator: "\n")
    }

    func write(_ text: String, to name: String) throws(PostgresClusterError) {
        do {
            try text.write(toFile: "\(path)/\(name)", atomically: false, encoding: .utf8)
        } catch {
            throw PostgresClusterError(command: "write \(path)/\(name)", outcome: "failed", output: "\(error)")
        }
    }

    /// Adds `text` to the end of the existing file `name`, keeping its owner.
    func append(_ text: String, to name: String) throws(PostgresClusterError) {
        do {
            let file = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(path)/\(name)"))
            defer { try? file.close() }
            try file.seekToEnd()
            try file.write(contentsOf: Data(text.utf8))
        } catch {
            throw PostgresClusterError(command: "append to \(path)/\(name)", outcome: "failed", output: "\(error)")
        }
    }
}
