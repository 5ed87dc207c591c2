import Foundation
import KomsTestSupport
import Synchronization

/// One throwaway PostgreSQL cluster for the whole test process, started on
/// first use, with a new database for each test; it is stopped when the
/// process exits.
enum SharedPostgres {
    private static let cluster = Mutex<PostgresCluster?>(nil)

    static func freshDatabase() throws -> String {
        try cluster.withLock { shared in
            if shared == nil {
                shared = try PostgresCluster.start()
                atexit { SharedPostgres.stop() }
            }
            let name = "contract_\(UUID().uuidString.prefix(8).lowercased())"
            _ = try shared!.psql("CREATE DATABASE \(name)")
            return shared!.url(database: name)
        }
    }

    private static func stop() {
        cluster.withLock { $0 = nil }
    }
}
