import Synchronization

/// A login the throttle let through. It is settled once the password has
/// been checked; one dropped unsettled (the request failed first) gives its
/// place back, so no path can leak a reservation.
public final class LoginAttempt: Sendable {
    let emailKey: String
    private let throttle: LoginThrottle?
    private let settled = Atomic(false)

    init(emailKey: String, throttle: LoginThrottle?) {
        self.emailKey = emailKey
        self.throttle = throttle
    }

    func settle(_ outcome: LoginThrottle.Outcome) {
        guard !settled.exchange(true, ordering: .acquiringAndReleasing) else { return }
        throttle?.settle(emailKey, outcome)
    }

    deinit {
        settle(.abandoned)
    }
}
