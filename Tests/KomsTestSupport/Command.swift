internal import Foundation
internal import Glibc

/// A program to run: to its end with its output captured, or (for a
/// server) in the background with its output appended to a log file.
///
/// Servers run in the foreground as children of the test process, never
/// daemonized (`pg_ctl start`, `pgbouncer -d`): Foundation learns that a
/// child ended when a socket the child inherited closes, and a daemon left
/// behind keeps that socket open, so the launcher would never look ended.
struct Command {
    var executable: String
    var arguments: [String]
    /// Variables set on top of the test process's own environment.
    var environment: [String: String] = [:]
    var directory: String?

    var commandLine: String { ([executable] + arguments).joined(separator: " ") }

    /// Runs the program and returns its trimmed output, throwing unless it
    /// exits with status 0.
    @discardableResult
    func check(limit: Duration = .seconds(120)) throws(PostgresClusterError) -> String {
        let (status, output) = try run(limit: limit)
        guard status == 0 else {
            throw PostgresClusterError(command: commandLine, outcome: "exit status \(status)", output: output)
        }
        return output
    }

    /// Runs the program and returns its exit status and trimmed output,
    /// standard output and error read together (reading two pipes in turn
    /// could deadlock).
    ///
    /// A program still running after `limit` is killed, so a server that
    /// stops answering fails the test instead of hanging it.
    func run(limit: Duration = .seconds(120)) throws(PostgresClusterError) -> (status: Int32, output: String) {
        let pipe = Pipe()
        let process = try start(output: pipe.fileHandleForWriting)

        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { _ = Glibc.kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + Double(limit.components.seconds), execute: watchdog)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()

        let output = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationReason == .exit else {
            let outcome = "killed by signal \(process.terminationStatus) (commands are killed after \(limit))"
            throw PostgresClusterError(command: commandLine, outcome: outcome, output: output)
        }
        return (process.terminationStatus, output)
    }

    /// Starts the program without waiting for it, its output appended to
    /// the file at `logPath`.
    func launch(appendingOutputTo logPath: String) throws(PostgresClusterError) -> Process {
        let descriptor = open(logPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PostgresClusterError(
                command: "open \(logPath)",
                outcome: String(cString: strerror(errno)),
                output: ""
            )
        }
        return try start(output: FileHandle(fileDescriptor: descriptor, closeOnDealloc: true))
    }

    /// Starts the program and closes this process's copy of `output`, so
    /// that the child alone holds it open.
    private func start(output: FileHandle) throws(PostgresClusterError) -> Process {
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = directory.map { URL(fileURLWithPath: $0) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output

        // A child starts with the spawning thread's signal mask, and Swift's
        // worker threads block nearly every signal: pgbouncer, which keeps
        // the mask it is given, would never see the SIGTERM that stops it.
        var unblocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&unblocked)
        pthread_sigmask(SIG_SETMASK, &unblocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        do {
            try process.run()
        } catch {
            throw PostgresClusterError(command: commandLine, outcome: "could not start", output: "\(error)")
        }
        return process
    }
}
