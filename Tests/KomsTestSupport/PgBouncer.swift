internal import Foundation
internal import Glibc

/// A pgbouncer in front of a test cluster, on its own free loopback port,
/// stopped when the value goes.
///
/// It exists to run the store against a pooler in transaction mode, where
/// consecutive transactions of one client connection may reach different
/// server connections. Clients log in as `koms` without a password.
public final class PgBouncer: Sendable {
    /// When pgbouncer hands a server connection back to its pool.
    public enum PoolMode: String, Sendable {
        case session, transaction, statement
    }

    public let host = "127.0.0.1"
    public let port: UInt16

    private let process: Process
    private let folder: TemporaryFolder
    private let binaries: PostgresBinaries

    /// A libpq URL for the `koms` database through this pooler.
    public var url: String {
        "postgresql://\(PostgresCluster.user)@\(host):\(port)/\(PostgresCluster.database)"
    }

    private init(process: Process, folder: TemporaryFolder, binaries: PostgresBinaries, port: UInt16) {
        self.process = process
        self.folder = folder
        self.binaries = binaries
        self.port = port
    }

    /// Asks pgbouncer to shut down, and kills it if it is still there after
    /// five seconds: newer versions wait for open transactions on SIGTERM.
    deinit {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = ContinuousClock.now + .seconds(5)
        while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Starts pgbouncer in front of `cluster` and waits until it listens.
    public static func start(
        inFrontOf cluster: PostgresCluster,
        poolMode: PoolMode = .transaction
    ) throws(PostgresClusterError) -> PgBouncer {
        let account = try ServerAccount.current()
        let folder = try TemporaryFolder(prefix: "koms-pgbouncer", for: account)
        // trust still requires the user to be listed in the auth file.
        try folder.write("\"\(PostgresCluster.user)\" \"\"\n", to: "userlist.txt")

        var attempts = 1
        while true {
            let port = try FreePort.pick()
            try folder.write(
                configuration(for: cluster, poolMode: poolMode, port: port, folder: folder),
                to: "pgbouncer.ini"
            )
            do {
                return try launch(in: folder, account: account, binaries: cluster.binaries, port: port)
            } catch let error where attempts < 3 && error.logTail.contains("Address already in use") {
                attempts += 1
            }
        }
    }

    /// Runs `sql` through the pooler with psql; see `PostgresCluster.psql`.
    @discardableResult
    public func psql(_ sql: String) throws(PostgresClusterError) -> String {
        try withLog { () throws(PostgresClusterError) in try PSQL.run(sql, url: url, binaries: binaries) }
    }

    /// Runs `body`, adding the end of pgbouncer's log to what it throws.
    private func withLog<Result>(
        _ body: () throws(PostgresClusterError) -> Result
    ) throws(PostgresClusterError) -> Result {
        do {
            return try body()
        } catch {
            var failure = error
            failure.logTail = folder.tail(of: "pgbouncer.log")
            throw failure
        }
    }

    private static func configuration(
        for cluster: PostgresCluster,
        poolMode: PoolMode,
        port: UInt16,
        folder: TemporaryFolder
    ) -> String {
        """
        [databases]
        * = host=\(cluster.host) port=\(cluster.port)

        [pgbouncer]
        listen_addr = 127.0.0.1
        listen_port = \(port)
        ; An empty folder name turns the Unix socket off: clients use TCP.
        unix_socket_dir =
        auth_type = trust
        auth_file = \(folder.path)/userlist.txt
        pool_mode = \(poolMode.rawValue)
        max_client_conn = 200
        default_pool_size = 20

        """
    }

    /// Runs pgbouncer in the foreground, logging to standard error, which
    /// goes to pgbouncer.log.
    private static func launch(
        in folder: TemporaryFolder,
        account: ServerAccount,
        binaries: PostgresBinaries,
        port: UInt16
    ) throws(PostgresClusterError) -> PgBouncer {
        let command = account.command(try executable(), ["\(folder.path)/pgbouncer.ini"], in: folder.path)
        let process = try command.launch(appendingOutputTo: "\(folder.path)/pgbouncer.log")
        let bouncer = PgBouncer(process: process, folder: folder, binaries: binaries, port: port)

        // pg_isready answers 0 (accepting) or 1 (rejecting) once something
        // listens, 2 while nothing does.
        let ready = Command(executable: binaries.path("pg_isready"), arguments: ["-h", "127.0.0.1", "-p", "\(port)"])
        try bouncer.withLog { () throws(PostgresClusterError) in
            try waitUntil("pgbouncer to listen on port \(port)", limit: .seconds(30)) {
                () throws(PostgresClusterError) in
                guard process.isRunning else {
                    throw PostgresClusterError(command: command.commandLine, outcome: "exited", output: "")
                }
                return try ready.run().status < 2
            }
        }
        return bouncer
    }

    /// pgbouncer lives in /usr/sbin on Debian, which is not on every user's
    /// PATH.
    private static func executable() throws(PostgresClusterError) -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/local/sbin"]
        guard let found = folders.map({ "\($0)/pgbouncer" }).first(where: FileManager.default.isExecutableFile) else {
            throw PostgresClusterError(command: "pgbouncer", outcome: "not found on PATH or in /usr/sbin", output: "")
        }
        return found
    }
}
