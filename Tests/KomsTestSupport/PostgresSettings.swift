extension PostgresCluster {
    /// What initdb's postgresql.conf gets on top of its defaults. A standby
    /// copies the file, so these hold on both sides of a failover.
    static let settings = """

        # Added by the koms test harness.
        listen_addresses = '127.0.0.1'
        # Durability is what the tests check, so nothing here trades it away.
        fsync = on
        synchronous_commit = on
        full_page_writes = on
        max_connections = 100
        # Enough WAL for a synchronous standby to start from a base backup
        # and serve reads while it follows.
        wal_level = replica
        max_wal_senders = 10
        wal_keep_size = '256MB'
        hot_standby = on

        """
}
