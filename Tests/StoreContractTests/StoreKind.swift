import Foundation
import KomsTestSupport
import PostgresStore
import SQLiteStore
import SessionCore
import Testing

/// The stores the contract runs against, each opened fresh for a test.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    func open() throws -> OpenedStore {
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("koms-contract-\(UUID().uuidString).sqlite").path
            let store = try SQLiteSessionStore(path: path, connections: 2)
            return OpenedStore(store: store) {
                store.close()
                for suffix in ["", "-wal", "-shm"] {
                    try? FileManager.default.removeItem(atPath: path + suffix)
                }
            }
        case .postgres:
            let url = try SharedPostgres.freshDatabase()
            let store = try PostgresSessionStore(connectionString: url, connections: 4)
            return OpenedStore(store: store, ledger: store, close: store.close)
        }
    }
}

/// A store under test, closed (and its files removed) when the test ends.
final class OpenedStore {
    let store: any StoreTransfer
    let ledger: (any LoginFailureLedger)?
    private let close: () -> Void

    init(store: any StoreTransfer, ledger: (any LoginFailureLedger)? = nil, close: @escaping () -> Void) {
        self.store = store
        self.ledger = ledger
        self.close = close
    }

    deinit {
        close()
    }
}
