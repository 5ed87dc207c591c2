import Foundation
import PostgresStore
import SessionCore
import Testing

@Suite("PostgreSQL time limits")
struct PostgresTimeoutTests {
    @Test("a statement held up past the URL's statement_timeout is unavailable (503), not a failure")
    func statementTimeout() throws {
        let url = try SharedPostgres.freshDatabase()
        let store = try PostgresSessionStore(connectionString: url + "?options=-c%20statement_timeout%3D300")
        defer { store.close() }
        // The holder is waited for at the end: a psql still running when the
        // process exits would keep the shared cluster from being stopped.
        let released = DispatchSemaphore(value: 0)
        defer { released.wait() }
        Thread.detachNewThread {
            _ = try? SharedPostgres.psql("BEGIN; LOCK TABLE users; SELECT pg_sleep(1); COMMIT", url: url)
            released.signal()
        }
        let heldLock = "SELECT count(*) FROM pg_locks WHERE relation = 'users'::regclass AND granted"
        while try SharedPostgres.psql(heldLock, url: url) == "0" {
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect {
            try store.user(emailKey: "held@example.com")
        } throws: { error in
            guard case .unavailable(let reason) = error as? StoreError else { return false }
            return reason.contains("57014")
        }
    }
}
