import Foundation
import KomsTestSupport
import Testing

@Suite("Refresh: rotation, grace, reuse detection, races")
struct RefreshRulesTests {
    @Test("repeating a refresh within the grace period returns the very same new pair")
    func idempotentRetry() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let original = try api.newSession()
        let rotated = try TokenPair(try api.refresh(original))

        server.clock.advance(seconds: 3)
        let retried = try TokenPair(try api.refresh(original))
        #expect(retried.access == rotated.access)
        #expect(retried.refresh == rotated.refresh)
        #expect(retried.expiresIn == 3597, "the seconds left are recomputed")
        #expect(try api.readSession(rotated.access).status == 200)
    }

    @Test("a rotated-away refresh token after the grace period ends the whole session")
    func reuseAfterGrace() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let original = try api.newSession(email: "reuse@example.com")
        let rotated = try TokenPair(try api.refresh(original))
        let otherSession = try TokenPair(try api.logIn("reuse@example.com", "correct horse battery"))

        server.clock.advance(seconds: 11)
        let reuse = try api.refresh(original)
        #expect(reuse.status == 401)
        #expect(reuse.code == "session_revoked")

        #expect(try api.readSession(rotated.access).status == 401)
        #expect(try api.refresh(rotated).status == 401)
        #expect(try api.readSession(otherSession.access).status == 200, "other sessions of the user live on")
    }

    @Test("a refresh token whose successor was rotated too ends the session, even within the grace period")
    func reuseOfGrandparent() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let first = try api.newSession()
        let second = try TokenPair(try api.refresh(first))
        let third = try TokenPair(try api.refresh(second))

        let reuse = try api.refresh(first)
        #expect(reuse.code == "session_revoked")
        #expect(try api.readSession(third.access).status == 401)
        #expect(try api.refresh(third).status == 401)
    }

    @Test("a refresh token rotated away many rotations ago still ends the session")
    func reuseOfOldToken() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let first = try api.newSession()
        var latest = first
        for _ in 0..<20 {
            latest = try TokenPair(try api.refresh(latest))
        }
        #expect(try api.refresh(first).code == "session_revoked")
        #expect(try api.readSession(latest.access).status == 401)
    }

    @Test("a session's refresh tokens begin with the same 16-byte family key; other sessions' do not")
    func familyKeys() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let first = try api.newSession()
        let rotated = try TokenPair(try api.refresh(first))
        let other = try api.newSession()

        let keys = try [first, rotated, other].map { pair in
            let bytes = try #require(Self.base64URLDecoded(pair.refresh))
            #expect(bytes.count == 48)
            return Array(bytes.prefix(16))
        }
        #expect(keys[0] == keys[1])
        #expect(keys[0] != keys[2])
    }

    @Test("a made-up secret behind a session's family key ends that session; a token of no family does not")
    func forgedSecrets() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let pair = try api.newSession()
        let bystander = try api.newSession()

        let shapeless = try api.refresh(TokenPair(access: bystander.access, refresh: "not-a-token", expiresIn: 0))
        #expect(shapeless.code == "invalid_token")
        let unknownFamily = String(repeating: "A", count: 64)
        #expect(
            try api.refresh(TokenPair(access: pair.access, refresh: unknownFamily, expiresIn: 0)).code
                == "invalid_token"
        )
        #expect(try api.readSession(bystander.access).status == 200)

        let forged = String(pair.refresh.prefix(22)) + String(repeating: "A", count: 42)
        #expect(
            try api.refresh(TokenPair(access: pair.access, refresh: forged, expiresIn: 0)).code == "session_revoked"
        )
        #expect(try api.readSession(pair.access).status == 401)
    }

    static func base64URLDecoded(_ text: String) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard).map(Array.init)
    }

    @Test("the grace period does not survive the next rotation")
    func graceEndsWithNextRotation() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let first = try api.newSession()
        let second = try TokenPair(try api.refresh(first))
        _ = try TokenPair(try api.refresh(second))

        #expect(try api.refresh(second).status == 200, "the immediate parent still has its grace")
        #expect(try api.refresh(first).code == "session_revoked")
    }

    @Test("after the grace period, a rotated-away refresh token ends the session whatever access token comes with it")
    func reuseWithAnotherAccessToken() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let first = try api.newSession()
        let other = try api.newSession()
        let second = try TokenPair(try api.refresh(first))

        let early = try api.refresh(TokenPair(access: other.access, refresh: first.refresh, expiresIn: 0))
        #expect(early.code == "invalid_token", "within the grace period a mismatch is only refused")
        #expect(try api.readSession(second.access).status == 200)

        server.clock.advance(seconds: 11)
        let late = try api.refresh(TokenPair(access: other.access, refresh: first.refresh, expiresIn: 0))
        #expect(late.code == "session_revoked")
        #expect(try api.readSession(second.access).status == 401)
        #expect(try api.readSession(other.access).status == 200, "the other session is not touched")
    }

    @Test("a refresh needs the session's own most recent access token")
    func refreshNeedsMatchingAccessToken() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let mine = try api.newSession()
        let other = try api.newSession()

        let response = try api.refresh(TokenPair(access: other.access, refresh: mine.refresh, expiresIn: 0))
        #expect(response.status == 401)
        #expect(response.code == "invalid_token")
        #expect(try api.refresh(mine).status == 200, "a mismatch does not end the session")
    }

    @Test("racing refreshes of one pair all get the same new pair, and the session rotates once")
    func refreshRace() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let original = try api.newSession()

        let racers = 12
        let results = RaceResults()
        let start = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        let clients = try (0..<racers).map { _ in try APIClient(server) }
        for racer in clients {
            let racerBox = UncheckedBox(racer)
            DispatchQueue.global().async(group: group) {
                start.wait()
                results.append(Result { try TokenPair(try racerBox.value.refresh(original)) })
            }
        }
        for _ in 0..<racers { start.signal() }
        group.wait()

        let pairs = try results.all.map { try $0.get() }
        #expect(pairs.count == racers)
        #expect(Set(pairs.map(\.access)).count == 1)
        #expect(Set(pairs.map(\.refresh)).count == 1)

        let winner = try #require(pairs.first)
        #expect(try api.readSession(winner.access).status == 200)
        let next = try TokenPair(try api.refresh(winner))
        #expect(try api.readSession(next.access).status == 200, "the winner's pair is the current one")
    }
}

/// Collects racers' results from many threads.
final class RaceResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<TokenPair, any Error>] = []

    func append(_ result: Result<TokenPair, any Error>) {
        lock.withLock { results.append(result) }
    }

    var all: [Result<TokenPair, any Error>] {
        lock.withLock { results }
    }
}

/// Hands a non-Sendable client to the one thread that uses it.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
