import Foundation

/// A tmpfs of a few megabytes, mounted for one test, so that it can run out
/// of space under a running server.
struct SmallFilesystem {
    let path: URL

    init(megabytes: Int) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("koms-fs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        try Self.mount(["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path.path])
    }

    func remove() {
        _ = try? Self.run("/bin/umount", ["-l", path.path])
        try? FileManager.default.removeItem(at: path)
    }

    private static func mount(_ arguments: [String]) throws {
        let status = try run("/bin/mount", arguments)
        guard status == 0 else { throw TestFailure("mount \(arguments.joined(separator: " ")) failed: \(status)") }
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
