import Foundation
import Synchronization

/// Holds a server to what a load's journals say it acknowledged: every
/// acknowledged sign-up logs in, every acknowledged logout or revocation
/// holds, and each live session has exactly one working access token, its
/// latest. A request that was cut off may have gone either way, but not
/// both ways at once.
///
/// Each journal is checked on its own thread. The check settles what the
/// cut-off requests did, and its journals say so, so that a later load can
/// carry on from them.
struct ConsistencyCheck {
    let target: LoadTarget

    func run(_ journals: [WorkerJournal]) -> CheckReport {
        let results = Mutex<[(index: Int, tally: LoadTally, journal: WorkerJournal)]>([])
        let finished = DispatchGroup()
        for (index, journal) in journals.enumerated() {
            finished.enter()
            Thread.detachNewThread { [target] in
                defer { finished.leave() }
                let (tally, settled) = JournalCheck.run(journal, index: index, target: target)
                results.withLock { $0.append((index, tally, settled)) }
            }
        }
        finished.wait()

        var report = CheckReport()
        for result in results.withLock({ $0 }).sorted(by: { $0.index < $1.index }) {
            report.tally.merge(result.tally)
            report.journals.append(result.journal)
        }
        return report
    }
}

/// What the check got back, and the journals with every cut-off request
/// settled.
struct CheckReport: Sendable {
    var tally = LoadTally()
    var journals: [WorkerJournal] = []
}
