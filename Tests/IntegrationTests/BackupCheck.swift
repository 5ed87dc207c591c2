import KomsTestSupport

/// Holds a server running on a backup to what a load had acknowledged
/// before the backup began, knowing from the load's final journals what
/// happened after.
///
/// The backup is the database at one moment after it began, so a session
/// live then may have moved on in it: rotated further, or ended. Its
/// tokens must therefore show one of the states the session went through
/// from then on, and never an earlier one.
struct BackupCheck {
    let target: LoadTarget

    /// `before` and `after` hold one journal per load thread, in the same
    /// order. The tally notes `sessions live at the backup`, each checked.
    func run(before: [WorkerJournal], after: [WorkerJournal]) throws -> LoadTally {
        let connections = try LoadConnections(target: target, addressBlock: 200)
        var tally = LoadTally()
        for (journal, final) in zip(before, after) {
            for account in journal.acknowledgedAccounts {
                let (email, password) = (journal.accounts[account].email, journal.accounts[account].password)
                let answer = try connections.credentials().logIn(email, password)
                expect(answer, 200, "login of \(email), signed up before the backup", &tally)
            }
            for (session, known) in journal.sessions.enumerated() {
                try checkSession(known, later: final.sessions[session], on: connections.tokens, &tally)
            }
        }
        return tally
    }

    /// The pairs rotated away before the backup are dead in it. Of the
    /// pair current then and those that followed, exactly one works, for
    /// its user, unless the session ended after the backup began.
    private func checkSession(
        _ known: JournaledSession,
        later: JournaledSession,
        on api: APIClient,
        _ tally: inout LoadTally
    ) throws {
        guard known.state != .unknown, later.state != .unknown else { return }
        let current = known.pairs.count - 1
        for pair in known.pairs.prefix(current) {
            expect(try api.readSession(pair.access), 401, "\(known.email): a pair rotated before the backup", &tally)
        }
        guard known.state == .live else {
            return expect(
                try api.readSession(known.current.access),
                401,
                "\(known.email): ended before the backup",
                &tally
            )
        }

        tally.note("sessions live at the backup")
        let working = try later.pairs[current...].filter { try api.readSession($0.access).status == 200 }
        if let pair = working.first, working.count == 1 {
            let user = try api.readUser(pair.access)
            if user.json?["email"] as? String != known.email {
                tally.violation("\(known.email): GET /user answered \(user.status) \(user.text)")
            }
        } else if !(working.isEmpty && (later.state == .loggedOut || later.state == .revoked)) {
            tally.violation(
                "\(known.email): \(working.count) pairs from the backup on work; at the end it was \(later.state)"
            )
        }
    }

    private func expect(_ answer: HTTPTestResponse, _ status: Int, _ what: String, _ tally: inout LoadTally) {
        tally.record(answer)
        if answer.status != status {
            tally.violation("\(what): expected \(status), got \(answer.status) \(answer.text)")
        }
    }
}
