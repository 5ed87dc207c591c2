/// Why a throwaway PostgreSQL cluster (or the pgbouncer in front of one)
/// failed, worded for a failed test's log.
///
/// It carries what the server said as well as what the command printed: a
/// server that will not start usually explains why only in its own log.
public struct PostgresClusterError: Error, CustomStringConvertible {
    /// The command line that failed, or what was being waited for.
    public var command: String
    /// How it ended: an exit status, a signal, or a wait that ran out.
    public var outcome: String
    /// What the command printed, standard output and error together.
    public var output: String
    /// The last lines of the server's log, when a server was involved.
    public var logTail: String = ""

    public var description: String {
        var text = "\(command): \(outcome)"
        if !output.isEmpty { text += "\n--- output ---\n\(output)" }
        if !logTail.isEmpty { text += "\n--- log tail ---\n\(logTail)" }
        return text
    }
}
