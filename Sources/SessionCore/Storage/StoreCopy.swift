/// Copies users, clients and live sessions from one store to another, a
/// page at a time, so that an operator moves to another database without
/// logging anyone out: the copied sessions keep their token hashes.
public struct StoreCopy {
    /// How far a copy has got; `copied` counts what the target took.
    public struct Progress: Equatable, Sendable {
        public var clientsRead = 0
        public var clientsCopied = 0
        public var usersRead = 0
        public var usersCopied = 0
        public var sessionsRead = 0
        public var sessionsCopied = 0
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The target has users and the copy was not told to merge.
        case targetNotEmpty(users: Int)
        case store(StoreError)

        public var description: String {
            switch self {
            case .targetNotEmpty(let users):
                "the target already holds \(users) users; --merge adds to them, skipping what is there"
            case .store(let error): error.description
            }
        }
    }

    let source: any StoreTransfer
    let target: any StoreTransfer
    let pageSize: Int

    public init(from source: any StoreTransfer, to target: any StoreTransfer, pageSize: Int = 1000) {
        self.source = source
        self.target = target
        self.pageSize = pageSize
    }

    /// Copies everything, calling `report` after each page.
    ///
    /// - Parameters:
    ///   - merge: copy into a target that holds users already.
    ///   - now: sessions whose refresh deadline has passed stay behind.
    public func run(
        merge: Bool,
        now: Timestamp,
        report: (Progress) -> Void
    ) throws(Failure) -> Progress {
        let existing: Int
        do {
            existing = try target.countUsers()
        } catch {
            throw .store(error)
        }
        if existing > 0 && !merge {
            throw .targetNotEmpty(users: existing)
        }
        do {
            return try copyAll(now: now, report: report)
        } catch {
            throw .store(error)
        }
    }

    private func copyAll(now: Timestamp, report: (Progress) -> Void) throws(StoreError) -> Progress {
        var progress = Progress()
        let clients = try source.clients()
        progress.clientsRead = clients.count
        progress.clientsCopied = try target.importClients(clients)
        report(progress)

        try copyPages(
            read: { after throws(StoreError) in try source.users(after: after, limit: pageSize) },
            id: \.id,
            write: { page throws(StoreError) in
                progress.usersRead += page.count
                progress.usersCopied += try target.importUsers(page)
                report(progress)
            }
        )
        try copyPages(
            read: { after throws(StoreError) in try source.sessions(liveAt: now, after: after, limit: pageSize) },
            id: \.id,
            write: { page throws(StoreError) in
                progress.sessionsRead += page.count
                progress.sessionsCopied += try target.importSessions(page)
                report(progress)
            }
        )
        return progress
    }

    /// Pages through the source in id order until a short page.
    private func copyPages<Record>(
        read: (String?) throws(StoreError) -> [Record],
        id: (Record) -> String,
        write: ([Record]) throws(StoreError) -> Void
    ) throws(StoreError) {
        var after: String?
        while true {
            let page = try read(after)
            if !page.isEmpty {
                try write(page)
            }
            guard page.count == pageSize, let last = page.last else { return }
            after = id(last)
        }
    }
}
