import KomsTestSupport

/// The load's sign-ups and logins, each from a source address used by only
/// a few requests.
extension LoadWorker {
    func signUp() throws {
        let account = newAccount()
        let (email, password) = (journal.accounts[account].email, journal.accounts[account].password)
        let response = note(try connections.credentials().signUp(email, password))
        if expect(response, 201, "sign-up of \(email)") {
            journal.accounts[account].signUp = .acknowledged
        }
    }

    /// Two connections sign the same new email up at once: exactly one wins.
    func racingSignUp() throws {
        let account = newAccount()
        let (email, password) = (journal.accounts[account].email, journal.accounts[account].password)
        let (first, second) = (try connections.fromNewAddress(), try connections.fromNewAddress())
        let answers = try connections.race(
            "POST",
            "/user",
            headers: [],
            body: jsonBody(["email": email, "password": password]),
            on: first.http,
            second.http
        )

        let statuses = [note(answers.0).status, note(answers.1).status].sorted()
        if statuses == [201, 409] && (answers.0.code == "email_taken" || answers.1.code == "email_taken") {
            journal.accounts[account].signUp = .acknowledged
            tally.note("racing sign-ups")
        } else {
            tally.violation(
                "thread \(index), racing sign-ups of \(email): expected 201 and 409, got \(answers.0.status) "
                    + "\(answers.0.text) and \(answers.1.status) \(answers.1.text)"
            )
        }
    }

    /// The same email in capitals: emails are unique regardless of case.
    func duplicateSignUp() throws {
        guard let account = randomElement(journal.acknowledgedAccounts) else { return try invalidSignUp() }
        let email = journal.accounts[account].email.uppercased()
        let response = note(try connections.credentials().signUp(email, "another passphrase"))
        _ = expect(response, 409, code: "email_taken", "sign-up of taken \(email)")
    }

    func invalidSignUp() throws {
        refusedSignUps += 1
        let email = "w\(index)-refused-\(refusedSignUps).example.com"
        let response = note(try connections.credentials().signUp(email, "a fine passphrase"))
        _ = expect(response, 400, code: "invalid_email", "sign-up of \(email)")
    }

    func logIn() throws {
        guard let account = randomElement(journal.acknowledgedAccounts) else { return try signUp() }
        let (email, password) = (journal.accounts[account].email, journal.accounts[account].password)
        let response = note(try connections.credentials().logIn(email, password))
        guard expect(response, 200, "login of \(email)") else { return }
        do {
            journal.sessions.append(JournaledSession(email: email, pairs: [try TokenPair(response)]))
        } catch {
            tally.violation("thread \(index), login of \(email): \(error)")
        }
    }

    func wrongPassword() throws {
        let candidates = journal.acknowledgedAccounts.filter {
            journal.accounts[$0].failedLogins < Self.maximumFailedLogins
        }
        guard let account = randomElement(candidates) else { return try invalidSignUp() }
        journal.accounts[account].failedLogins += 1
        let email = journal.accounts[account].email
        let response = note(try connections.credentials().logIn(email, "not the passphrase"))
        _ = expect(response, 401, code: "invalid_credentials", "login of \(email) with a wrong password")
    }

    /// A journal entry for an email not used before, its sign-up unanswered.
    private func newAccount() -> Int {
        let number = journal.accounts.count
        journal.accounts.append(
            JournaledAccount(
                email: "w\(index)-\(number)@load.example.com",
                password: "load passphrase \(index)-\(number)"
            )
        )
        return number
    }
}
