import Dispatch
import Foundation
import KomsTestSupport
import Synchronization
import Testing

/// Two `koms serve` instances sharing one PostgreSQL, as behind a load
/// balancer: any instance answers any request.
@Suite("Instances sharing PostgreSQL", .serialized)
struct SharedDatabaseTests {
    @Test("sign up on one, log in on the other, refresh, log out: every old token fails on both")
    func sessionAcrossInstances() throws {
        let cluster = try PostgresCluster.start()
        let pair = try InstancePair(databaseURL: cluster.url)
        try InstancePair.checkSessionFlow(pair)
    }

    @Test("the log names the database without the password of its URL, and four event threads a core")
    func passwordKeptOutOfLog() throws {
        let cluster = try PostgresCluster.start()
        // The test cluster trusts loopback connections, so any password is accepted.
        let url =
            cluster.url.replacingOccurrences(of: "koms@", with: "koms:userinfo-secret@")
            + "?password=parameter-secret&application_name=koms-test"
        let server = try ServerProcess(databasePath: url)
        let listening = try #require(server.logLines.first { $0.contains("listening") })
        #expect(listening.contains("database=postgresql://koms@"))
        #expect(listening.contains("password=***&application_name=koms-test"))
        #expect(listening.contains("threads=\(4 * ProcessInfo.processInfo.activeProcessorCount) "))
        server.stop(with: SIGTERM)
        for line in server.logLines {
            #expect(!line.contains("userinfo-secret") && !line.contains("parameter-secret"), "\(line)")
        }
    }

    @Test("a PostgreSQL reached by an address off this machine needs sslmode=verify-full or an explicit acceptance")
    func unverifiedRemoteLink() throws {
        let cluster = try PostgresCluster.start()
        // To koms, 0.0.0.0 is not on this machine; the kernel delivers a
        // connection to it over loopback all the same, to the test cluster.
        let remote = cluster.url.replacingOccurrences(of: "@\(cluster.host):", with: "@0.0.0.0:")
        let isRefusal = { (line: String) in
            line.contains("0.0.0.0") && line.contains("sslmode=prefer") && line.contains("sslmode=verify-full")
                && line.contains("--postgres-accept-unverified")
        }

        // Nothing listens on port 1, so that a server that skipped the check
        // would fail to connect rather than serve until the test times out.
        let nowhere = "postgresql://koms@0.0.0.0:1/koms"
        let serve = try ServerProcess.runReadingErrors(["serve", "--port", "0", "--database", nowhere])
        #expect(serve.status == 1)
        #expect(serve.errors.contains { $0.contains("cannot open the database") && isRefusal($0) })
        let list = try ServerProcess.runReadingErrors(["client", "list", "--database", remote])
        #expect(list.status == 1)
        #expect(list.errors.contains(where: isRefusal))
        let copy = try ServerProcess.runReadingErrors(["copy", "--from", remote, "--to", remote])
        #expect(copy.status == 1)
        #expect(copy.errors.contains(where: isRefusal))

        let accepted = try ServerProcess(databasePath: remote, extraArguments: ["--postgres-accept-unverified"])
        #expect(accepted.logLines.contains { $0.contains("listening") })
        accepted.stop(with: SIGTERM)
        let listed = try ServerProcess.runReadingErrors(
            ["client", "list", "--database", remote],
            environment: ["KOMS_POSTGRES_ACCEPT_UNVERIFIED": "true"]
        )
        #expect(listed.status == 0)
        #expect(!listed.errors.contains(where: isRefusal))

        // verify-full is left to libpq, which will not go on without TLS.
        let verified = try ServerProcess.runReadingErrors(
            ["client", "list", "--database", remote + "?sslmode=verify-full&sslrootcert=/dev/null"]
        )
        #expect(verified.status == 1)
        #expect(!verified.errors.contains(where: isRefusal))
    }

    @Test("behind pgbouncer in transaction pooling mode, with unnamed statements, the same walk passes")
    func behindPgBouncer() throws {
        let cluster = try PostgresCluster.start()
        let bouncer = try PgBouncer.start(inFrontOf: cluster, poolMode: .transaction)
        let pair = try InstancePair(databaseURL: bouncer.url, extraArguments: ["--postgres-statements", "unnamed"])
        try InstancePair.checkSessionFlow(pair)
    }

    @Test("of one refresh sent many times to both instances at once, one rotation wins")
    func refreshRace() throws {
        let cluster = try PostgresCluster.start()
        let pair = try InstancePair(databaseURL: cluster.url)
        let first = try pair.first.apiClient(clientID: pair.clientID)
        let tokens = try first.newSession()

        let answers = Mutex<[HTTPTestResponse]>([])
        let ports = [pair.first.port, pair.second.port]
        let clientID = pair.clientID
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            guard let http = try? HTTPTestClient(port: ports[index % 2]),
                let answer = try? APIClient(http: http, clientID: clientID).refresh(tokens)
            else { return }
            answers.withLock { $0.append(answer) }
        }
        let all = answers.withLock { $0 }
        #expect(all.count == 16)
        let issued = Set(all.filter { $0.status == 200 }.compactMap { try? TokenPair($0).refresh })
        // The losers are retries within the grace period and get the
        // winner's pair again: there is one new pair, not several.
        #expect(issued.count == 1, "statuses: \(all.map(\.status))")
        let winner = try #require(all.first { $0.status == 200 })
        let rotated = try TokenPair(winner)
        let second = try pair.second.apiClient(clientID: pair.clientID)
        #expect(try second.readSession(rotated.access).status == 200)
        #expect(try first.readSession(tokens.access).status == 401)
    }

    @Test("an email throttled through one instance is throttled on the other")
    func sharedThrottle() throws {
        let cluster = try PostgresCluster.start()
        let pair = try InstancePair(databaseURL: cluster.url, extraArguments: ["--login-free-failures", "3"])
        let first = try pair.first.apiClient(clientID: pair.clientID)
        let second = try pair.second.apiClient(clientID: pair.clientID)
        #expect(try first.signUp("guarded@example.com", "correct horse battery").status == 201)

        for _ in 0..<2 {
            #expect(try first.logIn("guarded@example.com", "wrong guess number").status == 401)
        }
        #expect(try second.logIn("guarded@example.com", "wrong guess number").status == 401)
        let refused = try second.logIn("guarded@example.com", "correct horse battery")
        #expect(refused.status == 429, "the third failure, made on the first instance, counts here")
        #expect(refused.header("retry-after") != nil)
        #expect(try first.logIn("guarded@example.com", "correct horse battery").status == 429)
    }

    @Test("disabling a client with koms client ends its sessions on every instance")
    func disabledClient() throws {
        let cluster = try PostgresCluster.start()
        let pair = try InstancePair(databaseURL: cluster.url)
        let (status, output) = try ServerProcess.run(["client", "add", "doomed", "--database", cluster.url])
        #expect(status == 0)
        let doomedID = output.trimmingCharacters(in: .whitespacesAndNewlines)
        let tokens = try pair.first.apiClient(clientID: doomedID).newSession()
        #expect(try pair.second.apiClient(clientID: doomedID).readSession(tokens.access).status == 200)

        #expect(try ServerProcess.run(["client", "disable", doomedID, "--database", cluster.url]).0 == 0)
        for server in [pair.first, pair.second] {
            #expect(try server.apiClient(clientID: doomedID).readSession(tokens.access).status == 401)
        }
    }
}
