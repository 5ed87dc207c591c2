import KomsTestSupport

/// The load's token requests on the sessions this thread logged in.
extension LoadWorker {
    func refresh() throws {
        let session = randomLiveSession()
        let current = journal.sessions[session].current
        journal.sessions[session].pending = .refresh
        let response = note(try connections.tokens.refresh(current))
        rotate(session, answers: [response], "refresh")
    }

    /// Two connections refresh the same pair at once; thanks to the grace
    /// period both get the same new pair, and the session rotates once.
    func racingRefresh() throws {
        let session = randomLiveSession()
        let current = journal.sessions[session].current
        journal.sessions[session].pending = .refresh
        let answers = try connections.race(
            "PUT",
            "/session",
            headers: [("Authorization", "Bearer \(current.access)")],
            body: jsonBody(["refresh_token": current.refresh]),
            on: connections.tokens.http,
            connections.racer.http
        )
        rotate(session, answers: [note(answers.0), note(answers.1)], "racing refreshes")
    }

    /// The pair rotated away last, sent again: the retry of a client whose
    /// answer was lost gets the same current pair, and nothing changes.
    func graceRetry() throws {
        let session = randomLiveSession()
        let pairs = journal.sessions[session].pairs
        guard pairs.count >= 2 else { return try readSession() }
        let response = note(try connections.tokens.refresh(pairs[pairs.count - 2]))
        guard expect(response, 200, "repeated refresh") else { return taint(session) }
        let pair = try? TokenPair(response)
        if pair?.access != pairs[pairs.count - 1].access || pair?.refresh != pairs[pairs.count - 1].refresh {
            tally.violation("thread \(index): a repeated refresh did not return the current pair: \(response.text)")
            taint(session)
        }
    }

    /// A refresh token two rotations old comes back: reuse detection ends
    /// the session.
    func reuse() throws {
        let session = randomLiveSession()
        let pairs = journal.sessions[session].pairs
        guard pairs.count >= 3 else { return try readSession() }
        journal.sessions[session].pending = .reuse
        let response = note(try connections.tokens.refresh(pairs[pairs.count - 3]))
        guard expect(response, 401, code: "session_revoked", "refresh with a retired token") else {
            return taint(session)
        }
        journal.sessions[session].state = .revoked
        journal.sessions[session].pending = nil
    }

    func readSession() throws {
        let session = randomLiveSession()
        let response = note(try connections.tokens.readSession(journal.sessions[session].current.access))
        guard expect(response, 200, "GET /session") else { return taint(session) }
        if ((response.json?["access_token_expires_in"] as? Int) ?? 0) <= 0 {
            tally.violation("thread \(index): GET /session answered \(response.text)")
        }
    }

    func readUser() throws {
        let session = randomLiveSession()
        let response = note(try connections.tokens.readUser(journal.sessions[session].current.access))
        guard expect(response, 200, "GET /user") else { return taint(session) }
        if response.json?["email"] as? String != journal.sessions[session].email {
            tally.violation(
                "thread \(index): GET /user for \(journal.sessions[session].email) answered \(response.text)"
            )
        }
    }

    /// An access token rotated away, or of an ended session: refused.
    func staleToken() throws {
        let candidates = journal.sessions.indices.filter {
            let state = journal.sessions[$0].state
            return state == .loggedOut || state == .revoked || (state == .live && journal.sessions[$0].pairs.count >= 2)
        }
        guard let session = randomElement(candidates) else { return try readSession() }
        let pairs = journal.sessions[session].pairs
        let stale = journal.sessions[session].state == .live ? pairs.dropLast() : pairs[...]
        let access = stale.randomElement(using: &random)!.access
        let response = note(try connections.tokens.readSession(access))
        _ = expect(response, 401, code: "invalid_token", "GET /session with a stale token")
    }

    func logOut() throws {
        let session = randomLiveSession()
        journal.sessions[session].pending = .logOut
        let response = note(try connections.tokens.logOut(journal.sessions[session].current.access))
        guard expect(response, 204, "DELETE /session") else { return taint(session) }
        journal.sessions[session].state = .loggedOut
        journal.sessions[session].pending = nil
    }

    /// Journals the new pair when every answer is the same new pair.
    private func rotate(_ session: Int, answers: [HTTPTestResponse], _ request: String) {
        for answer in answers {
            guard expect(answer, 200, request) else { return taint(session) }
        }
        let old = journal.sessions[session].current
        let pairs = answers.compactMap { try? TokenPair($0) }
        guard pairs.count == answers.count, let new = pairs.first,
            pairs.allSatisfy({ $0.access == new.access && $0.refresh == new.refresh }),
            new.access != old.access, new.refresh != old.refresh
        else {
            tally.violation("thread \(index), \(request): answers \(answers.map(\.text)) are not one new pair")
            return taint(session)
        }
        journal.sessions[session].pairs.append(new)
        journal.sessions[session].pending = nil
        if answers.count > 1 {
            tally.note(request)
        }
    }

    /// After an answer against the rules nothing is known of the session.
    private func taint(_ session: Int) {
        journal.sessions[session].state = .unknown
        journal.sessions[session].pending = nil
    }

    private func randomLiveSession() -> Int {
        randomElement(journal.liveSessions)!
    }
}
