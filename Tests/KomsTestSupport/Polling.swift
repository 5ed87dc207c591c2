internal import Glibc

/// Checks `condition` every 100 ms until it holds, for states the servers
/// reach in their own time (a standby streaming, a promotion finishing).
/// Throws naming `what` when `limit` passes first.
func waitUntil(
    _ what: String,
    limit: Duration = .seconds(60),
    _ condition: () throws(PostgresClusterError) -> Bool
) throws(PostgresClusterError) {
    let deadline = ContinuousClock.now + limit
    while try !condition() {
        guard ContinuousClock.now < deadline else {
            throw PostgresClusterError(command: "waiting for \(what)", outcome: "not within \(limit)", output: "")
        }
        usleep(100_000)
    }
}
