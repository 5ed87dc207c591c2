import Testing

@testable import SessionCore

@Suite("Per-email login delays")
struct LoginThrottleTests {
    let clock = ManualClock()

    func throttle(capacity: Int = 1000) -> LoginThrottle {
        LoginThrottle(policy: LoginThrottlePolicy(capacity: capacity), clock: clock)
    }

    /// One whole attempt: admitted, then settled with the outcome.
    func attempt(_ throttle: LoginThrottle, _ key: String, succeeds: Bool = false) throws -> LoginThrottle.Admission {
        let admission = try throttle.admit(key)
        if case .admitted = admission {
            throttle.settle(key, succeeds ? .succeeded : .failed)
        }
        return admission
    }

    func retryAfter(_ admission: LoginThrottle.Admission) -> Int? {
        if case .refused(let seconds) = admission { seconds } else { nil }
    }

    func isAdmitted(_ admission: LoginThrottle.Admission) -> Bool {
        if case .admitted = admission { true } else { false }
    }

    @Test("five failures are free, then the waits double from 1 s to the 15-minute cap")
    func exponentialDelays() throws {
        let throttle = throttle()
        for _ in 0..<5 {
            #expect(isAdmitted(try attempt(throttle, "a@example.com")))
        }
        var expected = 1
        for _ in 0..<14 {
            #expect(retryAfter(try throttle.admit("a@example.com")) == expected)
            clock.advance(seconds: Double(expected) - 0.001)
            #expect(retryAfter(try throttle.admit("a@example.com")) == 1, "one millisecond before the wait ends")
            clock.advance(seconds: 0.001)
            #expect(isAdmitted(try attempt(throttle, "a@example.com")))
            expected = min(expected * 2, 900)
        }
        #expect(expected == 900)
        #expect(retryAfter(try throttle.admit("a@example.com")) == 900)
    }

    @Test("a success resets the count")
    func successResets() throws {
        let throttle = throttle()
        for _ in 0..<4 {
            _ = try attempt(throttle, "b@example.com")
        }
        #expect(isAdmitted(try attempt(throttle, "b@example.com", succeeds: true)))
        #expect(throttle.trackedCount == 0)
        for _ in 0..<5 {
            #expect(isAdmitted(try attempt(throttle, "b@example.com")))
        }
        #expect(retryAfter(try throttle.admit("b@example.com")) == 1)
    }

    @Test("emails are counted apart, and refused attempts do not lengthen the wait")
    func separateEmails() throws {
        let throttle = throttle()
        for _ in 0..<5 {
            _ = try attempt(throttle, "c@example.com")
        }
        for _ in 0..<20 {
            #expect(retryAfter(try throttle.admit("c@example.com")) == 1)
        }
        #expect(isAdmitted(try attempt(throttle, "d@example.com")))
        clock.advance(seconds: 1)
        #expect(isAdmitted(try throttle.admit("c@example.com")))
    }

    @Test("attempts under way count against the budget, so parallel guesses gain nothing")
    func pendingAttempts() throws {
        let throttle = throttle()
        for _ in 0..<4 {
            _ = try attempt(throttle, "e@example.com")
        }
        #expect(isAdmitted(try throttle.admit("e@example.com")))
        #expect(retryAfter(try throttle.admit("e@example.com")) != nil, "a sixth while the fifth is being checked")
        throttle.settle("e@example.com", .abandoned)
        #expect(isAdmitted(try throttle.admit("e@example.com")), "an abandoned attempt gives its place back")
    }

    @Test("an email with no failure lets any number of logins run at once")
    func concurrentLoginsOfAHealthyAccount() throws {
        let throttle = throttle()
        for _ in 0..<20 {
            #expect(isAdmitted(try throttle.admit("busy@example.com")))
        }
        for _ in 0..<20 {
            throttle.settle("busy@example.com", .succeeded)
        }
        #expect(throttle.trackedCount == 0)
    }

    @Test("a first wave of parallel failures sets a delay as long as its size")
    func parallelFailures() throws {
        let throttle = throttle()
        for _ in 0..<8 {
            #expect(isAdmitted(try throttle.admit("wave@example.com")))
        }
        for _ in 0..<8 {
            throttle.settle("wave@example.com", .failed)
        }
        #expect(retryAfter(try throttle.admit("wave@example.com")) == 8, "failures 6, 7 and 8 doubled the 1 s delay")
    }

    @Test("an attempt dropped unsettled gives its place back")
    func droppedAttempt() throws {
        let throttle = throttle()
        for _ in 0..<4 {
            _ = try attempt(throttle, "f@example.com")
        }
        #expect(isAdmitted(try throttle.admit("f@example.com")))
        do {
            _ = LoginAttempt(emailKey: "f@example.com", throttle: throttle)
        }
        #expect(isAdmitted(try throttle.admit("f@example.com")))
    }

    @Test("the table stays under its cap, and evicting never lifts a delay early")
    func boundedMemory() throws {
        let throttle = throttle(capacity: 64)
        for _ in 0..<5 {
            _ = try attempt(throttle, "victim@example.com")
        }
        for index in 0..<10_000 {
            _ = try attempt(throttle, "guess-\(index)@example.com")
            #expect(throttle.trackedCount <= 64)
        }
        #expect(retryAfter(try throttle.admit("victim@example.com")) == 1)
    }

    @Test("when every tracked email is under a delay, new emails go untracked rather than unlock one")
    func fullOfLockedEntries() throws {
        let throttle = throttle(capacity: 16)
        for index in 0..<16 {
            for _ in 0..<5 {
                _ = try attempt(throttle, "locked-\(index)@example.com")
            }
        }
        guard case .untracked = try throttle.admit("new@example.com") else {
            Issue.record("expected the new email to go untracked")
            return
        }
        for index in 0..<16 {
            #expect(retryAfter(try throttle.admit("locked-\(index)@example.com")) == 1)
        }
    }
}
