import Dispatch
import Foundation
import Synchronization

/// The one connection that writes, committing every write waiting at that
/// moment in one transaction with one sync.
///
/// With `synchronous=FULL` each commit syncs the WAL to disk, and a sync
/// costs far more than the statements before it. Writers that took turns
/// on SQLite's lock would each pay for one, and would wait out SQLite's
/// busy handler, which sleeps. Here a writer hands its work over and
/// waits; while one batch syncs, the next gathers. Each write runs in its
/// own savepoint, so one that fails (a taken email) rolls back alone, and
/// no caller hears back before the commit that holds its write is durable.
final class GroupCommitWriter: Sendable {
    private struct State {
        var pending: [PendingWrite] = []
        var closed = false
    }

    private let connection: ConnectionBox
    private let state = Mutex(State())
    private let workArrived = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)

    init(connection: SQLiteConnection) {
        self.connection = ConnectionBox(connection: connection)
        let thread = Thread { [self] in
            runLoop()
            stopped.signal()
        }
        thread.name = "koms-writer"
        thread.start()
    }

    /// Runs `body` in the next batch and returns once that batch is committed.
    @discardableResult
    func write<Result>(_ body: (SQLiteConnection) throws(SQLiteError) -> Result) throws(SQLiteError) -> Result {
        let outcome = OutcomeBox<Result>()
        let accepted = withoutActuallyEscaping(body) { body in
            let write = PendingWrite { connection in
                do throws(SQLiteError) {
                    outcome.value = .success(try body(connection))
                    return true
                } catch {
                    outcome.value = .failure(error)
                    return false
                }
            }
            let accepted = state.withLock { state in
                guard !state.closed else { return false }
                state.pending.append(write)
                return true
            }
            if accepted {
                workArrived.signal()
                write.done.wait()
            }
            return accepted ? write.batchError : SQLiteError.closed
        }
        if let accepted { throw accepted }
        return try outcome.value!.get()
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
        do {
            try connection.statement("BEGIN IMMEDIATE").execute([])
            for write in batch {
                try connection.statement("SAVEPOINT write").execute([])
                if write.run?(connection) != true {
                    try connection.statement("ROLLBACK TO write").execute([])
                }
                try connection.statement("RELEASE write").execute([])
            }
            try connection.statement("COMMIT").execute([])
        } catch {
            _ = try? connection.statement("ROLLBACK").execute([])
            for write in batch {
                write.batchError = error
            }
        }
        for write in batch {
            // The caller's closure must be gone before the caller goes on:
            // `withoutActuallyEscaping` checks that it did not escape.
            write.run = nil
            write.done.signal()
        }
    }
}

/// A write handed to the writer thread. Its fields are set by that thread
/// before `done` is signalled and read by the caller after, so the
/// semaphore orders every access.
private final class PendingWrite: @unchecked Sendable {
    var run: ((SQLiteConnection) -> Bool)?
    let done = DispatchSemaphore(value: 0)
    var batchError: SQLiteError?

    init(run: @escaping (SQLiteConnection) -> Bool) {
        self.run = run
    }
}

/// Where a write's result waits for its caller; ordered like `PendingWrite`.
private final class OutcomeBox<Value>: @unchecked Sendable {
    var value: Result<Value, SQLiteError>?
}
