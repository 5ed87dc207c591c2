import Foundation
import KomsTestSupport
import Synchronization
import Testing

/// Sign-ups and refreshes sent in a loop from a background thread, through
/// any of the given servers, noting what was acknowledged and every status
/// seen, while a test breaks the database underneath.
final class WriteLoad: Sendable {
    private struct State {
        var signedUp: [String] = []
        /// The latest pair each session was answered with.
        var sessions: [TokenPair] = []
        var statuses: [Int: Int] = [:]
        var stopping = false
        var running = true
    }

    private let state = Mutex(State())
    private let ports: [UInt16]
    private let clientID: String
    private let label = UUID().uuidString.prefix(8).lowercased()

    init(servers: [ServerProcess], clientID: String) {
        ports = servers.map(\.port)
        self.clientID = clientID
    }

    func start() {
        Thread.detachNewThread { [self] in
            var round = 0
            while !state.withLock({ $0.stopping }) {
                round += 1
                step(round)
            }
            state.withLock { $0.running = false }
        }
    }

    /// Stops the loop and waits for its last request.
    func finish() {
        state.withLock { $0.stopping = true }
        while state.withLock({ $0.running }) {
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    var signedUp: [String] { state.withLock { $0.signedUp } }
    var sessions: [TokenPair] { state.withLock { $0.sessions } }
    /// How many answers had each status.
    var statuses: [Int: Int] { state.withLock { $0.statuses } }

    /// Waits until `count` more answers with `status` than now have come.
    func waitForAnswers(_ status: Int, more count: Int, timeoutSeconds: Double) -> Bool {
        let target = (statuses[status] ?? 0) + count
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while Date() < deadline {
            if (statuses[status] ?? 0) >= target { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    /// Every acknowledged sign-up logs in, and every session's last
    /// acknowledged pair still works: its access token, or, when a later
    /// rotation committed but its answer was lost with the connection, a
    /// retry of that refresh, which the grace period answers.
    func expectAcknowledged(on server: ServerProcess, clientID: String) throws {
        let api = try server.apiClient(clientID: clientID)
        for email in signedUp {
            #expect(try api.logIn(email, "correct horse battery").status == 200, "\(email)")
        }
        for tokens in sessions {
            let works = try api.readSession(tokens.access).status == 200 || api.refresh(tokens).status == 200
            #expect(works)
        }
    }

    /// A sign-up, and every third round a login (until there are five
    /// sessions) or a refresh of one of them, through the
    /// servers in turn on a fresh connection each, so that a dropped
    /// connection never stops the loop.
    private func step(_ round: Int) {
        let port = ports[round % ports.count]
        guard let http = try? HTTPTestClient(host: "127.0.0.1", port: port, timeoutSeconds: 10) else {
            note(0)
            Thread.sleep(forTimeInterval: 0.01)
            return
        }
        let api = APIClient(http: http, clientID: clientID)
        let email = "load-\(label)-\(round)@example.com"
        guard let answer = try? api.signUp(email, "correct horse battery") else { return note(0) }
        note(answer.status)
        if answer.status == 201 {
            state.withLock { $0.signedUp.append(email) }
        }
        guard round.isMultiple(of: 3) else { return }
        let known = sessions
        if known.count < 5 {
            guard let account = signedUp.last, let login = try? api.logIn(account, "correct horse battery") else {
                return
            }
            note(login.status)
            if let pair = try? TokenPair(login) {
                state.withLock { $0.sessions.append(pair) }
            }
        } else {
            let index = round / 3 % known.count
            guard let refreshed = try? api.refresh(known[index]) else { return note(0) }
            note(refreshed.status)
            if let pair = try? TokenPair(refreshed) {
                state.withLock { $0.sessions[index] = pair }
            }
        }
    }

    private func note(_ status: Int) {
        state.withLock { $0.statuses[status, default: 0] += 1 }
    }
}
