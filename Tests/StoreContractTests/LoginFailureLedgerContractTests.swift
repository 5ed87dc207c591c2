import Dispatch
import SessionCore
import Testing

/// Only the shared store keeps failed logins; SQLite's server counts them in memory.
@Suite("Store contract: failed logins")
struct LoginFailureLedgerContractTests {
    let now = Timestamp(millisecondsSinceEpoch: 50_000)

    @Test("failures count up and set the wait the policy gives, and a success clears them")
    func counting() throws {
        let opened = try StoreKind.postgres.open()
        let ledger = try #require(opened.ledger)
        #expect(try ledger.loginFailures(emailKey: "a@example.com") == nil)

        let waitFromThird = { (failures: Int) in failures >= 3 ? now.adding(seconds: failures) : nil }
        for expected in 1...4 {
            let state = try ledger.recordLoginFailure(emailKey: "a@example.com", at: now, waitAfter: waitFromThird)
            #expect(state.failures == expected)
        }
        #expect(
            try ledger.loginFailures(emailKey: "a@example.com")
                == LoginFailures(failures: 4, lockedUntil: now.adding(seconds: 4))
        )
        #expect(try ledger.loginFailures(emailKey: "b@example.com") == nil)

        let shorter = try ledger.recordLoginFailure(emailKey: "a@example.com", at: now) { _ in now.adding(seconds: 1) }
        #expect(shorter.lockedUntil == now.adding(seconds: 4), "a wait is never shortened")

        try ledger.clearLoginFailures(emailKey: "a@example.com")
        #expect(try ledger.loginFailures(emailKey: "a@example.com") == nil)
    }

    @Test("failures recorded at once all count")
    func concurrentFailures() throws {
        let opened = try StoreKind.postgres.open()
        let ledger = try #require(opened.ledger)
        DispatchQueue.concurrentPerform(iterations: 20) { _ in
            _ = try? ledger.recordLoginFailure(emailKey: "c@example.com", at: now) { _ in nil }
        }
        #expect(try ledger.loginFailures(emailKey: "c@example.com")?.failures == 20)
    }

    @Test("the sweep forgets failures last seen before its cutoff")
    func sweptFailures() throws {
        let opened = try StoreKind.postgres.open()
        let ledger = try #require(opened.ledger)
        _ = try ledger.recordLoginFailure(emailKey: "old@example.com", at: now) { _ in nil }
        _ = try ledger.recordLoginFailure(emailKey: "new@example.com", at: now.adding(seconds: 100)) { _ in nil }
        _ = try opened.store.sweep(
            sessionsBefore: now.adding(seconds: 50),
            unusedSince: Timestamp(millisecondsSinceEpoch: 0),
            limit: 100
        )
        #expect(try ledger.loginFailures(emailKey: "old@example.com") == nil)
        #expect(try ledger.loginFailures(emailKey: "new@example.com")?.failures == 1)
    }
}
