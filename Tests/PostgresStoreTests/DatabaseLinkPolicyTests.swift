import Foundation
import Postgres
import PostgresStore
import Testing

@Suite("The link to PostgreSQL")
struct DatabaseLinkPolicyTests {
    @Test("libpq's reading of a URL: hosts, host addresses, sslmode and service")
    func settingsFromURL() throws {
        let url = try PostgresLinkSettings(
            connectionString: "postgresql://koms@db1.internal:5432,127.0.0.1:5433/koms?sslmode=require"
        )
        #expect(url.hosts == ["db1.internal", "127.0.0.1"])
        #expect(url.hostAddresses.isEmpty)
        #expect(url.sslMode == "require")
        #expect(!url.namesService)

        let keywords = try PostgresLinkSettings(
            connectionString: "host=db.internal hostaddr=10.0.0.5 sslmode=verify-full dbname=koms"
        )
        #expect(keywords.hosts == ["db.internal"])
        #expect(keywords.hostAddresses == ["10.0.0.5"])
        #expect(keywords.sslMode == "verify-full")

        #expect(try PostgresLinkSettings(connectionString: "service=koms").namesService)
    }

    @Test("without sslmode in the string, the PGSSLMODE environment variable or libpq's default, prefer")
    func defaultMode() throws {
        let settings = try PostgresLinkSettings(connectionString: "postgresql://koms@db.internal/koms")
        #expect(settings.sslMode == ProcessInfo.processInfo.environment["PGSSLMODE"] ?? "prefer")
    }

    @Test("a string libpq cannot read is an error, not a guess")
    func unreadable() {
        #expect(throws: PostgresError.self) {
            try PostgresLinkSettings(connectionString: "postgresql://koms@db.internal/koms?no_such_option=1")
        }
    }

    @Test("a remote server without verify-full is refused, naming the host and the mode")
    func remoteUnverified() throws {
        for mode in ["disable", "allow", "prefer", "require", "verify-ca"] {
            let refusal = try #require(
                DatabaseLinkPolicy.refusal(for: settings(hosts: ["db.internal"], sslMode: mode))
            )
            #expect(refusal.contains("db.internal") && refusal.contains("sslmode=\(mode)"))
            #expect(refusal.contains("sslmode=verify-full"))
        }
        #expect(DatabaseLinkPolicy.refusal(for: settings(hosts: ["db.internal"], sslMode: "verify-full")) == nil)
    }

    @Test("sockets, localhost, 127.0.0.0/8 and ::1 need no TLS")
    func onThisMachine() {
        for host in ["/var/run/postgresql", "@pg", "localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1"] {
            #expect(DatabaseLinkPolicy.refusal(for: settings(hosts: [host], sslMode: "prefer")) == nil, "\(host)")
        }
        #expect(DatabaseLinkPolicy.refusal(for: settings(hosts: [], sslMode: "prefer")) == nil)
        for host in ["127.0.0.1.example.com", "127.0.0", "128.0.0.1", "0.0.0.0", "10.0.0.5", "::2"] {
            #expect(DatabaseLinkPolicy.refusal(for: settings(hosts: [host], sslMode: "prefer")) != nil, "\(host)")
        }
    }

    @Test("every host of a list counts, and hostaddr, where libpq connects, wins over host")
    func severalHosts() throws {
        let mixed = try #require(
            DatabaseLinkPolicy.refusal(for: settings(hosts: ["127.0.0.1", "db.internal"], sslMode: "prefer"))
        )
        #expect(mixed.contains("db.internal") && !mixed.contains("127.0.0.1"))

        let loopbackAddress = settings(hosts: ["db.internal"], addresses: ["127.0.0.1"], sslMode: "prefer")
        #expect(DatabaseLinkPolicy.refusal(for: loopbackAddress) == nil)
        let remoteAddress = settings(hosts: ["localhost"], addresses: ["10.0.0.5"], sslMode: "prefer")
        #expect(DatabaseLinkPolicy.refusal(for: remoteAddress)?.contains("10.0.0.5") == true)
    }

    @Test("a service file's server is unknown here, so it counts as remote")
    func serviceFile() {
        let service = PostgresLinkSettings(hosts: [], hostAddresses: [], sslMode: "prefer", namesService: true)
        #expect(DatabaseLinkPolicy.refusal(for: service) != nil)
        let verified = PostgresLinkSettings(hosts: [], hostAddresses: [], sslMode: "verify-full", namesService: true)
        #expect(DatabaseLinkPolicy.refusal(for: verified) == nil)
    }

    private func settings(hosts: [String], addresses: [String] = [], sslMode: String) -> PostgresLinkSettings {
        PostgresLinkSettings(hosts: hosts, hostAddresses: addresses, sslMode: sslMode, namesService: false)
    }
}
