internal import Foundation
internal import Glibc
internal import Synchronization

/// A throwaway PostgreSQL server for integration tests: its own data folder
/// and a free loopback port, removed when the value goes.
///
/// It is set up for the failures tests provoke: fsync and synchronous commit
/// stay on, so what a commit acknowledged survives `kill()`, and WAL is kept
/// at replica level so `makeSynchronousStandby()` can follow it. Clients log
/// in as `koms` without a password, over TCP only.
public final class PostgresCluster: Sendable {
    /// How `stop(mode:)` ends the server; postgres(1) maps each to a signal.
    public enum StopMode: Sendable {
        /// Disconnects clients, checkpoints, and shuts down cleanly.
        case fast
        /// Ends every process at once; the next start runs crash recovery.
        case immediate

        var signal: Int32 { self == .fast ? SIGINT : SIGQUIT }
    }

    public static let user = "koms"
    public static let database = "koms"

    public let host = "127.0.0.1"
    public let port: UInt16

    let folder: TemporaryFolder
    let binaries: PostgresBinaries
    let account: ServerAccount
    /// The running (or last) postmaster, a child of the test process.
    private let postmaster = Mutex<Process?>(nil)

    var dataDirectory: String { "\(folder.path)/data" }

    /// A libpq URL for `database` on this server.
    public func url(database: String = PostgresCluster.database) -> String {
        "postgresql://\(Self.user)@\(host):\(port)/\(database)"
    }

    /// A libpq URL for the `koms` database on this server.
    public var url: String { url() }

    private init(folder: TemporaryFolder, binaries: PostgresBinaries, account: ServerAccount, port: UInt16) {
        self.folder = folder
        self.binaries = binaries
        self.account = account
        self.port = port
    }

    /// Stops the server the quickest way; its folder goes right after.
    deinit {
        if isRunning { try? stop(mode: .immediate) }
        if isRunning { try? kill() }
    }

    /// Creates a cluster, starts it and creates the `koms` database.
    public static func start() throws(PostgresClusterError) -> PostgresCluster {
        let binaries = try PostgresBinaries.located()
        let account = try ServerAccount.current()
        let folder = try TemporaryFolder(prefix: "koms-pg", for: account)

        // --no-sync: the files initdb writes only need to outlive the test
        // process, not a power cut; the server itself still fsyncs.
        let initdb = [
            "-D", "\(folder.path)/data", "-U", user, "--auth=trust", "--no-locale", "--encoding=UTF8", "--no-sync",
        ]
        try account.command(binaries.path("initdb"), initdb, in: folder.path).check()
        try folder.append(settings, to: "data/postgresql.conf")

        let cluster = try launch(in: folder, binaries: binaries, account: account)
        try cluster.psql("CREATE DATABASE \(database)", database: "postgres")
        return cluster
    }

    /// Starts the server of an existing data folder on a free port, trying
    /// another port when something took the first in the meantime.
    static func launch(
        in folder: TemporaryFolder,
        binaries: PostgresBinaries,
        account: ServerAccount
    ) throws(PostgresClusterError) -> PostgresCluster {
        var attempts = 1
        while true {
            let cluster = PostgresCluster(
                folder: folder,
                binaries: binaries,
                account: account,
                port: try FreePort.pick()
            )
            do {
                try cluster.start()
                return cluster
            } catch let error where attempts < 3 && error.logTail.contains("could not bind") {
                attempts += 1
            }
        }
    }

    /// Starts the server again on the same port and data, waiting until it
    /// accepts connections (after crash recovery, if it was killed).
    public func start() throws(PostgresClusterError) {
        // Port and socket folder go on the command line, not in
        // postgresql.conf, because a standby copies that file.
        let arguments = ["-D", dataDirectory, "-p", "\(port)", "-k", folder.path]
        let command = account.command(binaries.path("postgres"), arguments, in: folder.path)
        let process = try command.launch(appendingOutputTo: "\(folder.path)/postgres.log")
        postmaster.withLock { $0 = process }

        // pg_isready answers 0 only once connections are accepted: after
        // recovery on a primary, at a consistent state on a standby.
        let ready = Command(
            executable: binaries.path("pg_isready"),
            arguments: ["-h", host, "-p", "\(port)", "-U", Self.user, "-d", "postgres"]
        )
        try withLog { () throws(PostgresClusterError) in
            try waitUntil("postgres to accept connections on port \(port)") { () throws(PostgresClusterError) in
                guard ProcessTable.isAlive(process.processIdentifier) else {
                    throw PostgresClusterError(command: command.commandLine, outcome: "exited", output: "")
                }
                return try ready.run().status == 0
            }
        }
    }

    /// Shuts the server down and waits until it has.
    public func stop(mode: StopMode = .fast) throws(PostgresClusterError) {
        guard let pid = runningID else { return }
        _ = Glibc.kill(pid, mode.signal)
        try withLog { () throws(PostgresClusterError) in
            try waitUntil("postgres to shut down") { !ProcessTable.isAlive(pid) }
        }
    }

    /// Whether the postmaster runs.
    public var isRunning: Bool { runningID != nil }

    /// Kills the whole server with SIGKILL, as a crash or the OOM killer
    /// would, and waits until none of its processes is left.
    ///
    /// The postmaster's children go too: left alone they linger until they
    /// notice it is gone, holding the shared memory a restart needs free.
    public func kill() throws(PostgresClusterError) {
        guard let pid = runningID else { return }

        // Stopped, the postmaster can fork no new child while they are listed.
        _ = Glibc.kill(pid, SIGSTOP)
        let processes = [pid] + ProcessTable.children(of: pid)
        for process in processes { _ = Glibc.kill(process, SIGKILL) }

        try withLog { () throws(PostgresClusterError) in
            try waitUntil("the killed server's processes to end", limit: .seconds(10)) {
                !processes.contains(where: ProcessTable.isAlive)
            }
        }
    }

    /// Runs `sql` in `database` through psql and returns the rows, one per
    /// line with `|` between columns. Statements in one call share one
    /// implicit transaction, so commands that refuse one (CREATE DATABASE,
    /// ALTER SYSTEM) need a call of their own.
    @discardableResult
    public func psql(_ sql: String, database: String = PostgresCluster.database) throws(PostgresClusterError) -> String
    {
        try withLog { () throws(PostgresClusterError) in
            try PSQL.run(sql, url: url(database: database), binaries: binaries)
        }
    }

    /// Runs `body`, adding the end of the server log to what it throws.
    @discardableResult
    func withLog<Result>(_ body: () throws(PostgresClusterError) -> Result) throws(PostgresClusterError) -> Result {
        do {
            return try body()
        } catch {
            var failure = error
            failure.logTail = folder.tail(of: "postgres.log")
            throw failure
        }
    }

    /// The postmaster's process id while it runs. /proc tells, since
    /// Foundation sees the end only once every child of the postmaster has
    /// ended too.
    private var runningID: Int32? {
        let pid = postmaster.withLock { $0?.processIdentifier }
        return pid.flatMap { ProcessTable.isAlive($0) ? $0 : nil }
    }
}
