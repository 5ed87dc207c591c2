import Foundation
import KomsTestSupport

/// The built `koms` executable, run as a child process, for what only a
/// real process shows: signals, kill -9, the command line, its log.
final class ServerProcess {
    let process = Process()
    let databasePath: String
    private(set) var port: UInt16 = 0
    /// Passwords and tokens its API clients used; none may reach its log.
    let secrets = SecretLedger()
    private let output = LineCollector()

    /// Starts `koms serve` on a free port and waits until it listens. The
    /// per-address limits are off unless `extraArguments` sets them, since
    /// every test request comes from one address.
    init(databasePath: String, extraArguments: [String] = [], environment: [String: String] = [:]) throws {
        self.databasePath = databasePath
        process.executableURL = Self.binary
        process.arguments =
            [
                "serve", "--port", "0", "--database", databasePath, "--argon2-iterations", "1",
                "--argon2-memory-kib", "8192", "--login-rate-per-minute", "0", "--signup-rate-per-minute", "0",
            ] + extraArguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        output.read(from: pipe.fileHandleForReading)
        try process.run()

        // Text lines say `listening address=http://host:port`, JSON lines
        // `"message":"listening","address":"http://host:port"`.
        guard let line = output.waitForLine(containing: "listening", timeoutSeconds: 30),
            let match = line.firstMatch(of: /address[=":]+https?:\/\/[^:]+:(\d+)/),
            let port = UInt16(match.1)
        else {
            process.terminate()
            throw TestFailure("koms serve did not report listening; output: \(output.lines)")
        }
        self.port = port
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        secrets.expectAbsent(from: output.lines)
    }

    /// An API client whose passwords and tokens this server's log is searched for.
    func apiClient(clientID: String) throws -> APIClient {
        APIClient(http: try connect(), clientID: clientID, secrets: secrets)
    }

    var logLines: [String] { output.lines }

    /// The first log line containing `text`, waiting for it up to the timeout.
    func waitForLogLine(containing text: String, timeoutSeconds: Double) -> String? {
        output.waitForLine(containing: text, timeoutSeconds: timeoutSeconds)
    }

    func connect() throws -> HTTPTestClient {
        try HTTPTestClient(host: "127.0.0.1", port: port)
    }

    /// Sends a signal and waits for the process to end; its exit status.
    @discardableResult
    func stop(with signal: Int32) -> Int32 {
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        output.waitForEnd()
        return process.terminationStatus
    }

    /// The client id the first start registered, read from its log.
    var firstClientID: String? {
        guard let line = logLines.first(where: { $0.contains("registered a first client") }),
            let match = line.firstMatch(of: /client_id[=":]+([0-9a-f-]{36})/)
        else { return nil }
        return String(match.1)
    }

    /// Runs `koms` with arguments to the end: exit status and standard output.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String) {
        let finished = try runReadingErrors(arguments, environment: environment)
        return (finished.status, finished.output)
    }

    /// Runs `koms` with arguments to the end: exit status, standard output
    /// and the lines of standard error.
    static func runReadingErrors(
        _ arguments: [String],
        environment: [String: String] = [:]
    ) throws -> (status: Int32, output: String, errors: [String]) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        // Read on a thread of its own: reading one pipe to its end while the
        // child fills the other could deadlock.
        let errorPipe = Pipe()
        let errors = LineCollector()
        process.standardError = errorPipe
        try process.run()
        errors.read(from: errorPipe.fileHandleForReading)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        errors.waitForEnd()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), errors.lines)
    }

    /// `KOMS_BINARY` when set (the Makefile sets it), else the `koms` built
    /// beside the test bundle.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["KOMS_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return testBinary.deletingLastPathComponent().appendingPathComponent("koms")
    }
}

/// Collects a child's output lines on a background thread.
final class LineCollector: @unchecked Sendable {
    private let condition = NSCondition()
    private var collected: [String] = []
    private var ended = false

    func read(from handle: FileHandle) {
        Thread.detachNewThread { [self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                condition.lock()
                if chunk.isEmpty {
                    ended = true
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    collected.append(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending.removeSubrange(pending.startIndex...newline)
                }
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    var lines: [String] {
        condition.lock()
        defer { condition.unlock() }
        return collected
    }

    func waitForLine(containing text: String, timeoutSeconds: Double) -> String? {
        let deadline = Date(timeIntervalSinceNow: timeoutSeconds)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let line = collected.first(where: { $0.contains(text) }) {
                return line
            }
            if ended || !condition.wait(until: deadline) {
                return nil
            }
        }
    }

    func waitForEnd() {
        let deadline = Date(timeIntervalSinceNow: 10)
        condition.lock()
        defer { condition.unlock() }
        while !ended && condition.wait(until: deadline) {}
    }
}
