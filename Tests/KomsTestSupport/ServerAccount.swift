internal import Foundation
internal import Glibc

/// The user that runs initdb, postgres, pg_ctl, pg_basebackup and pgbouncer.
///
/// PostgreSQL and pgbouncer refuse to run as root, and CI runs the tests as
/// root. A root test process therefore runs them as the system user
/// `koms-test` (created on first use, with no home and no shell) through
/// setpriv, which changes user and then execs, so the process id a test
/// signals is the server's own. Any other user runs them as itself.
struct ServerAccount: Sendable {
    static let name = "koms-test"

    /// The ids to switch to; nil when the test process is not root.
    private let ids: (user: uid_t, group: gid_t)?

    /// Looked up (and the user created) once per test process.
    static func current() throws(PostgresClusterError) -> ServerAccount {
        try resolved.get()
    }

    private static let resolved: Result<ServerAccount, PostgresClusterError> = Result {
        () throws(PostgresClusterError) -> ServerAccount in
        guard geteuid() == 0 else { return ServerAccount(ids: nil) }
        if let ids = lookUp() { return ServerAccount(ids: ids) }

        let useradd = Command(
            executable: "/usr/sbin/useradd",
            arguments: ["--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin"]
                + ["--user-group", name]
        )
        // Another test process may have created the user meanwhile, which
        // makes useradd fail; the second look-up is what counts.
        var failure = PostgresClusterError(command: useradd.commandLine, outcome: "user still missing", output: "")
        do throws(PostgresClusterError) {
            try useradd.check()
        } catch {
            failure = error
        }
        guard let ids = lookUp() else { throw failure }
        return ServerAccount(ids: ids)
    }

    /// getpwnam is not thread-safe, but it only runs inside the one-time
    /// initialisation of `resolved`.
    private static func lookUp() -> (user: uid_t, group: gid_t)? {
        guard let entry = getpwnam(name) else { return nil }
        return (entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    /// A command that runs `executable` as this user in `folder`, which
    /// also stands in as its home, so libpq never looks in root's.
    func command(_ executable: String, _ arguments: [String], in folder: String) -> Command {
        var command = Command(executable: executable, arguments: arguments, environment: ["HOME": folder])
        command.directory = folder
        guard let ids else { return command }
        command.executable = "/usr/bin/setpriv"
        command.arguments =
            ["--reuid=\(ids.user)", "--regid=\(ids.group)", "--clear-groups", "--", executable] + arguments
        return command
    }

    /// Makes `path` this user's, so the servers can write there.
    func handOver(_ path: String) throws(PostgresClusterError) {
        guard let ids, chown(path, ids.user, ids.group) != 0 else { return }
        throw PostgresClusterError(command: "chown \(path)", outcome: String(cString: strerror(errno)), output: "")
    }
}
