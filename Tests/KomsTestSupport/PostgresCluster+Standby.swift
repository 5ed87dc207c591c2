extension PostgresCluster {
    /// The name the standby reports to its primary, which
    /// synchronous_standby_names refers to.
    static let standbyName = "standby1"

    /// Makes a streaming standby of this server and turns synchronous
    /// replication on, so from now on every commit here waits until the
    /// standby has flushed it: after a failover, nothing acknowledged is
    /// missing. One standby per primary.
    ///
    /// Returns once the primary reports the standby streaming in sync. From
    /// then on commits here hang while the standby is down, so keep it
    /// running as long as this server takes writes.
    public func makeSynchronousStandby() throws(PostgresClusterError) -> PostgresCluster {
        let standbyFolder = try TemporaryFolder(prefix: "koms-pg-standby", for: account)

        // -R writes standby.signal and a primary_conninfo made of these
        // connection options, so the standby names itself as below.
        let source = "host=\(host) port=\(port) user=\(Self.user) application_name=\(Self.standbyName)"
        let arguments = [
            "-D", "\(standbyFolder.path)/data", "-d", source, "-R", "-X", "stream", "--checkpoint=fast", "--no-sync",
        ]
        try withLog { () throws(PostgresClusterError) in
            try account.command(binaries.path("pg_basebackup"), arguments, in: standbyFolder.path).check()
        }
        let standby = try Self.launch(in: standbyFolder, binaries: binaries, account: account)

        // ALTER SYSTEM refuses to run inside a transaction, hence two calls.
        try psql("ALTER SYSTEM SET synchronous_standby_names = '\(Self.standbyName)'")
        try psql("SELECT pg_reload_conf()")
        let state =
            "SELECT state || ' ' || sync_state FROM pg_stat_replication WHERE application_name = '\(Self.standbyName)'"
        try withLog { () throws(PostgresClusterError) in
            try waitUntil("\(Self.standbyName) to stream in sync") { () throws(PostgresClusterError) in
                try psql(state) == "streaming sync"
            }
        }
        return standby
    }

    /// Promotes this standby to a primary and waits until it accepts writes.
    public func promote() throws(PostgresClusterError) {
        try withLog { () throws(PostgresClusterError) in
            let arguments = ["promote", "-D", dataDirectory, "-w", "-t", "60"]
            try account.command(binaries.path("pg_ctl"), arguments, in: folder.path).check()
            try waitUntil("the promotion to end") { () throws(PostgresClusterError) in
                try psql("SELECT pg_is_in_recovery()") == "f"
            }
        }
    }
}
