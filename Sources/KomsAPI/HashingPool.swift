import Foundation
import Glibc
import Metrics
import Synchronization

/// A fixed number of threads for password hashing, with a bounded queue.
///
/// argon2id takes tens of milliseconds and as much memory as it is
/// configured for, so it must neither run on the event threads nor run
/// unboundedly many at once. A job that finds the queue full is refused and
/// the caller answers 503.
public final class HashingPool: Sendable {
    public typealias Job = @Sendable () -> Void

    private struct State {
        var queue: [(job: Job, queuedAt: ContinuousClock.Instant)] = []
        var running = 0
        var stopping = false
        /// How long jobs waited for a thread, for `GET /metrics`.
        var waits = Histogram()
    }

    private let capacity: Int
    private let state = Mutex(State())
    private let jobsReady = DispatchSemaphore(value: 0)
    private let workersDone = DispatchGroup()
    public let workerCount: Int

    /// - Parameters:
    ///   - workers: threads, and so the most hashes computed at once.
    ///   - queueCapacity: jobs that may wait for a thread.
    public init(workers: Int, queueCapacity: Int) {
        workerCount = max(1, workers)
        capacity = max(0, queueCapacity)
        for index in 0..<workerCount {
            workersDone.enter()
            let thread = Thread { [self] in
                lowerPriority()
                runWorker()
                workersDone.leave()
            }
            thread.name = "koms-hash-\(index)"
            thread.start()
        }
    }

    /// Queues the job; false when the queue is full or the pool is stopping.
    public func submit(_ job: @escaping Job) -> Bool {
        let accepted = state.withLock { state in
            guard !state.stopping, state.queue.count + state.running < capacity + workerCount else {
                return false
            }
            state.queue.append((job, ContinuousClock.now))
            return true
        }
        if accepted {
            jobsReady.signal()
        }
        return accepted
    }

    /// Jobs waiting for a thread, and how long those that got one waited.
    var queueSnapshot: (waiting: Int, waits: Histogram) {
        state.withLock { ($0.queue.count, $0.waits) }
    }

    /// Runs the queued jobs to the end, then stops the threads.
    public func shutdown() {
        state.withLock { $0.stopping = true }
        for _ in 0..<workerCount {
            jobsReady.signal()
        }
        workersDone.wait()
    }

    private func runWorker() {
        while true {
            jobsReady.wait()
            let next = state.withLock { state -> Job? in
                guard !state.queue.isEmpty else { return nil }
                state.running += 1
                let (job, queuedAt) = state.queue.removeFirst()
                state.waits.observe((ContinuousClock.now - queuedAt).inSeconds)
                return job
            }
            guard let next else {
                if state.withLock({ $0.stopping }) { return }
                continue
            }
            next()
            state.withLock { $0.running -= 1 }
        }
    }

    /// Lowers the calling thread's scheduling weight (nice 10; Linux keeps
    /// nice values per thread). When hashes keep every core busy, the event
    /// threads still get the processor first, so token checks keep their
    /// latency while logins wait a little longer.
    private func lowerPriority() {
        // With PRIO_PROCESS and 0, Linux changes the calling thread alone.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
    }
}
