import Foundation
import KomsTestSupport
import Synchronization

/// One throwaway PostgreSQL cluster for the whole test process, started on
/// first use, with a new database for each test; it is stopped when the
/// process exits.
enum SharedPostgres {
    private static let cluster = Mutex<PostgresCluster?>(nil)

    static func freshDatabase() throws -> String {
        let name = "contract_\(UUID().uuidString.prefix(8).lowercased())"
        let shared = try running()
        try shared.psql("CREATE DATABASE \(name)")
        return shared.url(database: name)
    }

    /// Runs SQL in the database of a URL that `freshDatabase` gave.
    @discardableResult
    static func psql(_ sql: String, url: String) throws -> String {
        try running().psql(sql, database: String(url.split(separator: "/").last ?? ""))
    }

    private static func running() throws -> PostgresCluster {
        try cluster.withLock { shared in
            if let shared { return shared }
            let started = try PostgresCluster.start()
            shared = started
            atexit { SharedPostgres.stop() }
            return started
        }
    }

    private static func stop() {
        cluster.withLock { $0 = nil }
    }
}
