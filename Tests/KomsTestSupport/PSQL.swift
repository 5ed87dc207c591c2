/// The psql client, run as the test process's own user: only servers
/// refuse root, and a client needs no files of its own.
enum PSQL {
    /// Runs `sql` (one or more statements, sent together as one implicit
    /// transaction) and returns the rows, unaligned and without headers.
    static func run(_ sql: String, url: String, binaries: PostgresBinaries) throws(PostgresClusterError) -> String {
        let arguments = ["-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql]
        // libpq would otherwise wait as long as the kernel's TCP timeout.
        let environment = ["PGCONNECT_TIMEOUT": "10"]
        return try Command(executable: binaries.path("psql"), arguments: arguments, environment: environment).check()
    }
}
