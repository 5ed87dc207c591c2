import KomsTestSupport

/// The consistency check of one thread's journal, on its own connections.
final class JournalCheck {
    private let index: Int
    private let connections: LoadConnections
    private var journal: WorkerJournal
    private var tally = LoadTally()

    private init(_ journal: WorkerJournal, index: Int, target: LoadTarget) throws {
        self.index = index
        self.journal = journal
        connections = try LoadConnections(target: target, addressBlock: 150 + index)
    }

    /// What the check found, and the journal with its cut-off requests settled.
    static func run(_ journal: WorkerJournal, index: Int, target: LoadTarget) -> (LoadTally, WorkerJournal) {
        do {
            let check = try JournalCheck(journal, index: index, target: target)
            for account in journal.accounts.indices {
                try check.checkAccount(account)
            }
            for session in journal.sessions.indices {
                try check.checkSession(session)
            }
            return (check.tally, check.journal)
        } catch {
            var tally = LoadTally()
            tally.violation("the check of thread \(index) lost the server: \(error)")
            return (tally, journal)
        }
    }

    /// An acknowledged sign-up logs in, and the session knows its user. A
    /// cut-off one either logs in or is unknown, which settles it.
    private func checkAccount(_ account: Int) throws {
        let (email, password) = (journal.accounts[account].email, journal.accounts[account].password)
        switch journal.accounts[account].signUp {
        case .absent:
            return
        case .acknowledged:
            let response = note(try connections.credentials().logIn(email, password))
            if expect(response, [200], "login of acknowledged \(email)") {
                try expectUser(email, loggedInBy: response)
            }
        case .unknown:
            let response = note(try connections.credentials().logIn(email, password))
            guard expect(response, [200, 401], "login of cut-off sign-up \(email)") else { return }
            journal.accounts[account].signUp = response.status == 200 ? .acknowledged : .absent
            tally.note(response.status == 200 ? "cut-off sign-ups stored" : "cut-off sign-ups not stored")
            if response.status == 200 {
                try expectUser(email, loggedInBy: response)
            }
        }
    }

    private func checkSession(_ session: Int) throws {
        let pairs = journal.sessions[session].pairs
        switch (journal.sessions[session].state, journal.sessions[session].pending) {
        case (.unknown, _):
            return
        case (.loggedOut, _), (.revoked, _):
            try expectDead(pairs[...], of: session)
            let answer = note(try connections.tokens.refresh(pairs[pairs.count - 1]))
            _ = expect(answer, [401], "refresh of an ended session of \(email(session))")
        case (.live, nil):
            try expectDead(pairs.dropLast(), of: session)
            try expectLive(pairs[pairs.count - 1], of: session)
        case (.live, .logOut?), (.live, .reuse?):
            try expectDead(pairs.dropLast(), of: session)
            try settleCutOffEnd(session)
        case (.live, .refresh?):
            try expectDead(pairs.dropLast(), of: session)
            try settleCutOffRefresh(session)
        }
    }

    /// A cut-off logout or revocation either ended the session or left its
    /// latest pair working.
    private func settleCutOffEnd(_ session: Int) throws {
        let answer = note(try connections.tokens.readSession(journal.sessions[session].current.access))
        guard expect(answer, [200, 401], "GET /session after a cut-off end of a session of \(email(session))") else {
            return taint(session)
        }
        if answer.status == 401 {
            journal.sessions[session].state = journal.sessions[session].pending == .reuse ? .revoked : .loggedOut
            tally.note("cut-off ends applied")
        } else {
            tally.note("cut-off ends not applied")
        }
        journal.sessions[session].pending = nil
    }

    /// A cut-off refresh either left the old pair current, or rotated it
    /// away; then, within the grace period, sending it again returns the
    /// one new pair, which works.
    private func settleCutOffRefresh(_ session: Int) throws {
        let old = journal.sessions[session].current
        let answer = note(try connections.tokens.readSession(old.access))
        guard expect(answer, [200, 401], "GET /session after a cut-off refresh of \(email(session))") else {
            return taint(session)
        }
        journal.sessions[session].pending = nil
        if answer.status == 200 {
            tally.note("cut-off refreshes not applied")
            return
        }

        let repeated = note(try connections.tokens.refresh(old))
        guard expect(repeated, [200], "repeated cut-off refresh of \(email(session))"),
            let new = try? TokenPair(repeated), new.access != old.access
        else { return taint(session) }
        tally.note("cut-off refreshes applied")
        journal.sessions[session].pairs.append(new)
        try expectLive(new, of: session)
    }

    private func expectLive(_ pair: TokenPair, of session: Int) throws {
        let answer = note(try connections.tokens.readSession(pair.access))
        guard expect(answer, [200], "GET /session with the latest access token of \(email(session))") else {
            return taint(session)
        }
        try expectUser(email(session), access: pair.access)
    }

    /// Every token here is refused as unknown: none of them is current.
    private func expectDead(_ pairs: ArraySlice<TokenPair>, of session: Int) throws {
        for (position, pair) in zip(pairs.indices, pairs) {
            let answer = note(try connections.tokens.readSession(pair.access))
            let request = "GET /session with access token #\(position) of a session of \(email(session))"
            if expect(answer, [401], request) && answer.code != "invalid_token" {
                tally.violation("check of thread \(index), \(request): got \(answer.text)")
            }
        }
    }

    private func expectUser(_ email: String, loggedInBy login: HTTPTestResponse) throws {
        guard let pair = try? TokenPair(login) else {
            return tally.violation("check of thread \(index): login of \(email) answered \(login.text)")
        }
        try expectUser(email, access: pair.access)
    }

    /// GET /user with the access token names the account.
    private func expectUser(_ email: String, access: String) throws {
        let user = note(try connections.tokens.readUser(access))
        if user.status != 200 || user.json?["email"] as? String != email {
            tally.violation("check of thread \(index): GET /user for \(email) answered \(user.status) \(user.text)")
        }
    }

    private func email(_ session: Int) -> String {
        journal.sessions[session].email
    }

    /// After an answer against the rules nothing more is known of the session.
    private func taint(_ session: Int) {
        journal.sessions[session].state = .unknown
        journal.sessions[session].pending = nil
    }

    private func note(_ response: HTTPTestResponse) -> HTTPTestResponse {
        tally.record(response)
        return response
    }

    private func expect(
        _ response: HTTPTestResponse,
        _ statuses: Set<Int>,
        _ request: @autoclosure () -> String
    ) -> Bool {
        guard statuses.contains(response.status) else {
            tally.violation("check of thread \(index), \(request()): got \(response.status) \(response.text)")
            return false
        }
        return true
    }
}
