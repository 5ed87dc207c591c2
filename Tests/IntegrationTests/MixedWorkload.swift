import Foundation
import Synchronization

/// The mixed load of the soak and crash tests: `workers` threads, each with
/// its own connections, accounts and sessions, sending `requestsPerWorker`
/// requests each unless the server is killed first.
///
/// A load may carry on from the journals of an earlier one, as clients go on
/// using their accounts and tokens after a server comes back.
struct MixedWorkload {
    var target: LoadTarget
    var workers = 8
    var requestsPerWorker = 2_500
    /// Where each thread starts; a thread without one starts from nothing.
    var journals: [WorkerJournal] = []
    /// Gives each round of a test its own mix of requests.
    var round = 0

    /// Runs the whole load against a server that stays up.
    func run() -> LoadReport {
        let control = LoadControl()
        let finished = start(control)
        finished.wait()
        return report(control)
    }

    /// Runs the load and calls `kill` once the server has answered
    /// `answers` requests, while the threads keep sending.
    func run(killingAfter answers: Int, kill: () -> Void) -> LoadReport {
        let control = LoadControl()
        let finished = start(control)
        wait(until: answers, control, finished)
        control.markKilled()
        kill()

        finished.wait()
        return report(control)
    }

    /// Runs the whole load and calls `midway` once the server has answered
    /// `answers` requests, while the threads keep sending. The report says
    /// what was acknowledged before the call, and how many answers came
    /// after it returned.
    func run(midwayAfter answers: Int, _ midway: () -> Void) -> LoadReport {
        let control = LoadControl()
        let finished = start(control)
        wait(until: answers, control, finished)
        control.passMidway()
        midway()
        let answersBeforeReturn = control.answers

        finished.wait()
        var report = report(control)
        report.answersAfterMidway = control.answers - answersBeforeReturn
        return report
    }

    /// Waits until the server has answered `answers` requests, or the load
    /// has ended, or two minutes have passed.
    private func wait(until answers: Int, _ control: LoadControl, _ finished: DispatchGroup) {
        let deadline = Date(timeIntervalSinceNow: 120)
        while control.answers < answers, Date() < deadline {
            if finished.wait(timeout: .now() + .milliseconds(5)) == .success { break }
        }
    }

    private func start(_ control: LoadControl) -> DispatchGroup {
        let finished = DispatchGroup()
        for index in 0..<workers {
            finished.enter()
            let assignment = LoadWorker.Assignment(
                index: index,
                round: round,
                journal: index < journals.count ? journals[index] : WorkerJournal(),
                requests: requestsPerWorker
            )
            Thread.detachNewThread { [target] in
                defer { finished.leave() }
                control.collect(LoadWorker.run(assignment, target: target, control: control))
            }
        }
        return finished
    }

    private func report(_ control: LoadControl) -> LoadReport {
        var report = LoadReport()
        for result in control.results.sorted(by: { $0.index < $1.index }) {
            report.tally.merge(result.tally)
            report.journals.append(result.journal)
            report.journalsBeforeMidway.append(result.journalBeforeMidway)
            if result.interrupted { report.interruptedWorkers += 1 }
        }
        return report
    }
}

/// What a whole load got back and what its threads know the server did.
struct LoadReport: Sendable {
    var tally = LoadTally()
    var journals: [WorkerJournal] = []
    /// What the threads knew when the midway point came, if it did.
    var journalsBeforeMidway: [WorkerJournal] = []
    /// Answers that came after the midway call returned.
    var answersAfterMidway = 0
    /// Threads stopped by the kill rather than by their request budget.
    var interruptedWorkers = 0
}

/// One load thread's outcome.
struct WorkerResult: Sendable {
    let index: Int
    let tally: LoadTally
    let journal: WorkerJournal
    let journalBeforeMidway: WorkerJournal
    let interrupted: Bool
}

/// State the load threads share with the thread that may kill the server.
final class LoadControl: Sendable {
    private let answerCount = Atomic<Int>(0)
    private let killed = Atomic<Bool>(false)
    private let midway = Atomic<Bool>(false)
    private let collected = Mutex<[WorkerResult]>([])

    var answers: Int { answerCount.load(ordering: .relaxed) }

    func noteAnswer() {
        answerCount.add(1, ordering: .relaxed)
    }

    /// Set before the kill, so that every failure the kill causes sees it.
    var serverKilled: Bool { killed.load(ordering: .sequentiallyConsistent) }

    func markKilled() {
        killed.store(true, ordering: .sequentiallyConsistent)
    }

    /// Set before the midway call, so that an answer a thread sees this
    /// unset for came before the call.
    var midwayPassed: Bool { midway.load(ordering: .sequentiallyConsistent) }

    func passMidway() {
        midway.store(true, ordering: .sequentiallyConsistent)
    }

    func collect(_ result: WorkerResult) {
        collected.withLock { $0.append(result) }
    }

    var results: [WorkerResult] { collected.withLock { $0 } }
}
