import KomsTestSupport

/// One thread of the mixed load: it picks requests at random, checks each
/// answer against the rules, and journals what the server acknowledged.
///
/// Before a request that may change a session, the worker marks it pending
/// and clears the mark once the answer is in. A request cut off by a kill
/// therefore stays pending, which the consistency check reads as "may or
/// may not have happened". A sign-up is journaled before it is sent for the
/// same reason; a login is journaled only once answered, since the tokens
/// of a cut-off one were never seen.
final class LoadWorker {
    /// Beyond this many live sessions a thread stops logging in.
    private static let maximumLiveSessions = 6
    /// Deliberate wrong passwords per email, below the five failures after
    /// which the server delays that email's logins.
    static let maximumFailedLogins = 2

    let index: Int
    let connections: LoadConnections
    let control: LoadControl
    var random: SplitMix64
    var journal = WorkerJournal()
    /// The journal as it stood at the last answer that came before the
    /// load's midway point, or before its end when there was none.
    var journalBeforeMidway = WorkerJournal()
    var tally = LoadTally()
    var refusedSignUps = 0

    /// One thread's share of a load.
    struct Assignment: Sendable {
        let index: Int
        let round: Int
        let journal: WorkerJournal
        let requests: Int
    }

    private init(_ assignment: Assignment, target: LoadTarget, control: LoadControl) throws {
        index = assignment.index
        journal = assignment.journal
        journalBeforeMidway = assignment.journal
        self.control = control
        connections = try LoadConnections(target: target, addressBlock: 100 + index)
        random = SplitMix64(seed: 0x6B6F_6D73 &+ UInt64(assignment.round * 1_000 + index))
    }

    /// Runs one thread's share of the load to its end.
    static func run(_ assignment: Assignment, target: LoadTarget, control: LoadControl) -> WorkerResult {
        let index = assignment.index
        do {
            let worker = try LoadWorker(assignment, target: target, control: control)
            let interrupted = worker.run(requests: assignment.requests)
            return WorkerResult(
                index: index,
                tally: worker.tally,
                journal: worker.journal,
                journalBeforeMidway: worker.journalBeforeMidway,
                interrupted: interrupted
            )
        } catch {
            var tally = LoadTally()
            if !control.serverKilled {
                tally.violation("thread \(index) could not connect: \(error)")
            }
            return WorkerResult(
                index: index,
                tally: tally,
                journal: assignment.journal,
                journalBeforeMidway: assignment.journal,
                interrupted: control.serverKilled
            )
        }
    }

    /// Sends requests until `budget` are answered; true when the kill
    /// stopped the thread first.
    private func run(requests budget: Int) -> Bool {
        defer { noteIfBeforeMidway() }
        while tally.answers < budget {
            noteIfBeforeMidway()
            do {
                try step()
            } catch {
                if control.serverKilled { return true }
                tally.violation("thread \(index) lost the server: \(error)")
                return false
            }
        }
        return false
    }

    /// Keeps the journal while the midway point has not come: every answer
    /// in it came before. An answer that arrives while the point passes is
    /// left out, since it may have come after.
    private func noteIfBeforeMidway() {
        if !control.midwayPassed {
            journalBeforeMidway = journal
        }
    }

    private enum Action {
        case signUp, racingSignUp, duplicateSignUp, invalidSignUp, logIn, wrongPassword
        case refresh, racingRefresh, graceRetry, reuse, readSession, readUser, staleToken, logOut
    }

    private func step() throws {
        switch nextAction() {
        case .signUp: try signUp()
        case .racingSignUp: try racingSignUp()
        case .duplicateSignUp: try duplicateSignUp()
        case .invalidSignUp: try invalidSignUp()
        case .logIn: try logIn()
        case .wrongPassword: try wrongPassword()
        case .refresh: try refresh()
        case .racingRefresh: try racingRefresh()
        case .graceRetry: try graceRetry()
        case .reuse: try reuse()
        case .readSession: try readSession()
        case .readUser: try readUser()
        case .staleToken: try staleToken()
        case .logOut: try logOut()
        }
    }

    /// Mostly token requests, as real apps send; about one request in seven
    /// costs a password hash.
    private func nextAction() -> Action {
        let live = journal.liveSessions.count
        var weights: [(Action, Int)] = [(.signUp, 2), (.racingSignUp, 1), (.invalidSignUp, 1)]
        if !journal.acknowledgedAccounts.isEmpty {
            weights += [(.duplicateSignUp, 1), (.wrongPassword, 1), (.logIn, live < Self.maximumLiveSessions ? 5 : 0)]
        }
        if live > 0 {
            weights += [
                (.refresh, 12), (.racingRefresh, 6), (.graceRetry, 3), (.reuse, 1), (.readSession, 25),
                (.readUser, 12), (.staleToken, 6), (.logOut, live < Self.maximumLiveSessions ? 3 : 8),
            ]
        }

        var roll = Int.random(in: 0..<weights.map(\.1).reduce(0, +), using: &random)
        for (action, weight) in weights {
            if roll < weight { return action }
            roll -= weight
        }
        preconditionFailure("the roll is below the total weight")
    }

    /// Counts an answer, for this thread and for the kill trigger.
    func note(_ response: HTTPTestResponse) -> HTTPTestResponse {
        tally.record(response)
        control.noteAnswer()
        return response
    }

    /// Whether the answer has the status and problem code the rules call
    /// for; records a violation when not.
    func expect(
        _ response: HTTPTestResponse,
        _ status: Int,
        code: String? = nil,
        _ request: @autoclosure () -> String
    ) -> Bool {
        if response.status == status && (code == nil || response.code == code) {
            return true
        }
        tally.violation(
            "thread \(index), \(request()): expected \(status) \(code ?? ""), got \(response.status) \(response.text)"
        )
        return false
    }

    func randomElement(_ indices: [Int]) -> Int? {
        indices.randomElement(using: &random)
    }
}
