import Dispatch
import Foundation
import Synchronization

/// The one connection that writes, committing every write waiting at that
/// moment in one transaction with one sync.
///
/// With `synchronous=FULL` each commit syncs the WAL to disk, and a sync
/// costs far more than the statements before it. Writers that took turns
/// on SQLite's lock would each pay for one, and would wait out SQLite's
/// busy handler, which sleeps. Here a write is handed over; while one batch
/// syncs, the next gathers. Each write runs in its own savepoint, so one
/// that fails (a taken email) rolls back alone, and no caller hears back
/// before the commit that holds its write is durable.
///
/// A caller either waits (`write`), or leaves a completion (`submit`) that
/// runs on the writer's thread after the commit, so that an event thread
/// can hand a write over without blocking and without waking another thread.
final class GroupCommitWriter: Sendable {
    private struct State {
        var pending: [PendingWrite] = []
        var closed = false
    }

    private let connection: ConnectionBox
    private let observer: (any WriteBatchObserver)?
    private let state = Mutex(State())
    private let workArrived = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)

    init(connection: SQLiteConnection, observer: (any WriteBatchObserver)? = nil) {
        self.connection = ConnectionBox(connection: connection)
        self.observer = observer
        let thread = Thread { [self] in
            runLoop()
            self.connection.connection.close()
            stopped.signal()
        }
        thread.name = "koms-writer"
        thread.start()
    }

    /// Runs `body` in the next batch and returns once that batch is committed.
    /// Never call it from a completion: the writer would wait for itself.
    /// `afterCommit` runs on the writer's thread once the batch is over,
    /// before anyone hears of it.
    @discardableResult
    func write<Result>(
        _ body: (SQLiteConnection) throws(SQLiteError) -> Result,
        afterCommit: (@Sendable () -> Void)? = nil
    ) throws(SQLiteError) -> Result {
        var result: Swift.Result<Result, SQLiteError> = .failure(.closed)
        let committed = DispatchSemaphore(value: 0)
        withoutActuallyEscaping(body) { body in
            submit(body, afterCommit: afterCommit) { outcome in
                result = outcome
                committed.signal()
            }
            committed.wait()
        }
        return try result.get()
    }

    /// Queues `body` for the next batch and returns at once. `completion`
    /// runs on the writer's thread once the batch is committed or has
    /// failed; it must be short, and may submit further writes.
    func submit<Result>(
        _ body: @escaping (SQLiteConnection) throws(SQLiteError) -> Result,
        afterCommit: (@Sendable () -> Void)? = nil,
        completion: @escaping (Swift.Result<Result, SQLiteError>) -> Void
    ) {
        let outcome = OutcomeBox<Result>()
        enqueue(
            PendingWrite(
                run: { connection throws(SQLiteError) in
                    try outcome.record { () throws(SQLiteError) in try body(connection) }
                },
                afterCommit: afterCommit
            ) { batchError in
                outcome.fail(batchError)
                completion(outcome.result)
            }
        )
    }

    /// Commits what is waiting, then stops the thread; later writes fail.
    /// Calling it again does nothing.
    func close() {
        let wasClosed = state.withLock { state in
            defer { state.closed = true }
            return state.closed
        }
        guard !wasClosed else { return }
        workArrived.signal()
        stopped.wait()
    }

    private func enqueue(_ write: PendingWrite) {
        let accepted = state.withLock { state in
            guard !state.closed else { return false }
            state.pending.append(write)
            return true
        }
        if accepted {
            workArrived.signal()
        } else {
            write.run = nil
            write.committed(.closed)
        }
    }

    private func runLoop() {
        while true {
            workArrived.wait()
            let (batch, closed) = state.withLock { state in
                defer { state.pending.removeAll() }
                return (state.pending, state.closed)
            }
            if !batch.isEmpty {
                commit(batch)
            }
            if closed { return }
        }
    }

    private func commit(_ batch: [PendingWrite]) {
        let connection = connection.connection
        var batchError: SQLiteError?
        var began = false
        var changesBefore: Int64 = 0
        do {
            try connection.statement("BEGIN IMMEDIATE").execute([])
            began = true
            observer?.batchBegan()
            changesBefore = connection.totalChanges
            for write in batch {
                try connection.statement("SAVEPOINT write").execute([])
                if (try? write.run?(connection)) == nil {
                    try connection.statement("ROLLBACK TO write").execute([])
                }
                try connection.statement("RELEASE write").execute([])
            }
            try connection.statement("COMMIT").execute([])
        } catch {
            _ = try? connection.statement("ROLLBACK").execute([])
            batchError = error
        }
        for write in batch {
            write.afterCommit?()
        }
        if began {
            observer?.batchEnded(committedChanges: batchError == nil && connection.totalChanges != changesBefore)
        }
        for write in batch {
            // The caller's closure must be gone before the caller goes on:
            // `withoutActuallyEscaping` checks that it did not escape.
            write.run = nil
            write.committed(batchError)
        }
    }
}

/// A write handed to the writer thread, which alone touches it until
/// `committed` has run.
private final class PendingWrite: @unchecked Sendable {
    /// The statements; throws when they fail, so that they roll back alone.
    var run: ((SQLiteConnection) throws(SQLiteError) -> Void)?
    /// Runs once the batch is over, committed or not, before `committed`.
    let afterCommit: (@Sendable () -> Void)?
    /// Called once the batch is over, with the batch's error if it failed.
    let committed: (SQLiteError?) -> Void

    init(
        run: @escaping (SQLiteConnection) throws(SQLiteError) -> Void,
        afterCommit: (@Sendable () -> Void)?,
        committed: @escaping (SQLiteError?) -> Void
    ) {
        self.run = run
        self.afterCommit = afterCommit
        self.committed = committed
    }
}

/// A write's own result, and the batch's failure if there was one; set on
/// the writer thread before the caller, or its completion, reads it.
private final class OutcomeBox<Value>: @unchecked Sendable {
    private var value: Swift.Result<Value, SQLiteError> = .failure(.closed)

    func record(_ produce: () throws(SQLiteError) -> Value) throws(SQLiteError) {
        do throws(SQLiteError) {
            value = .success(try produce())
        } catch {
            value = .failure(error)
            throw error
        }
    }

    /// A failed batch overrides the write's own success: nothing was committed.
    func fail(_ batchError: SQLiteError?) {
        if let batchError {
            value = .failure(batchError)
        }
    }

    var result: Swift.Result<Value, SQLiteError> { value }
}

/// Told when each batch holds the write lock, and when it is over.
protocol WriteBatchObserver: Sendable {
    func batchBegan()
    /// After the batch's `afterCommit` actions; `committedChanges` is false
    /// when the batch failed or changed no row.
    func batchEnded(committedChanges: Bool)
}
