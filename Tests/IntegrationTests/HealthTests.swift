import Foundation
import KomsTestSupport
import Testing

@Suite("Health and readiness probes")
struct HealthTests {
    @Test("/healthz and /readyz answer 200 without a client id or a token")
    func healthy() throws {
        let server = try TestServer()
        let http = try server.connect()
        let health = try http.send("GET", "/healthz")
        #expect(health.status == 200)
        #expect(health.json?["status"] as? String == "ok")
        let ready = try http.send("GET", "/readyz")
        #expect(ready.status == 200)
        #expect(ready.json?["status"] as? String == "ready")
        #expect(try http.send("POST", "/readyz").status == 405)
    }

    @Test("/readyz answers 503 with the reason while another process holds the write lock; /healthz stays 200")
    func notReadyWhileLocked() throws {
        let server = try TestServer(busyTimeoutMilliseconds: 200)
        let http = try server.connect()
        let holder = try DatabaseLockHolder(databasePath: server.databasePath)
        try holder.begin()

        let ready = try http.send("GET", "/readyz")
        #expect(ready.status == 503)
        #expect(ready.code == "not_ready")
        #expect((ready.json?["detail"] as? String)?.contains("locked") == true)
        #expect(ready.header("Content-Type") == "application/problem+json")
        #expect(try http.send("GET", "/healthz").status == 200)
        #expect(server.logs.lines.contains { $0.contains("not ready") })

        try holder.commit()
        holder.close()
        #expect(try http.send("GET", "/readyz").status == 200)
    }
}
