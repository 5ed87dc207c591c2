import Foundation
import KomsTestSupport
import Testing

/// `GET /metrics` read with prometheus_client's parser (from PyPI, through
/// scripts/test-tools; `make test` names its python in KOMS_PYTHON).
@Suite("Prometheus metrics")
struct MetricsTests {
    static let python = ProcessInfo.processInfo.environment["KOMS_PYTHON"]

    let databasePath = FileManager.default.temporaryDirectory
        .appendingPathComponent("koms-metrics-\(UUID().uuidString).sqlite").path

    struct Sample: Decodable {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    struct Family: Decodable {
        let name: String
        let type: String
        let samples: [Sample]
    }

    /// The page parsed by prometheus_client; throws when it refuses it.
    static func parse(_ page: String) throws -> [Family] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(python))
        let tool = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tools/metrics_to_json.py")
        process.arguments = [tool.path]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(page.utf8))
        try input.fileHandleForWriting.close()
        let json = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("prometheus_client refused the page:\n\(page)") }
        return try JSONDecoder().decode([Family].self, from: json)
    }

    static func value(_ families: [Family], _ name: String, _ labels: [String: String] = [:]) -> Double? {
        families.flatMap(\.samples).first { $0.name == name && $0.labels == labels }?.value
    }

    @Test(
        "after a known sequence of requests the counts are exact, on a listener of its own",
        .enabled(if: python != nil, "make test sets KOMS_PYTHON")
    )
    func knownSequence() throws {
        let server = try ServerProcess(
            databasePath: databasePath,
            extraArguments: ["--metrics-address", "127.0.0.1:0"]
        )
        let clientID = try #require(server.firstClientID)
        let metricsLine = try #require(server.waitForLogLine(containing: "metrics listening", timeoutSeconds: 10))
        let portMatch = try #require(metricsLine.firstMatch(of: /127\.0\.0\.1:(\d+)/))
        let metricsPort = try #require(UInt16(portMatch.1))

        let api = try server.apiClient(clientID: clientID)
        #expect(try api.signUp("metrics@example.com", "correct horse battery").status == 201)
        let pair = try TokenPair(try api.logIn("metrics@example.com", "correct horse battery"))
        for _ in 0..<2 {
            #expect(try api.logIn("metrics@example.com", "wrong horse battery").status == 401)
        }
        for _ in 0..<3 {
            #expect(try api.readSession(pair.access).status == 200)
        }
        #expect(try api.http.send("GET", "/nowhere").status == 404)
        #expect(try api.http.send("GET", "/metrics").status == 404, "the API's listener does not serve it")

        let scrape = try HTTPTestClient(host: "127.0.0.1", port: metricsPort).send("GET", "/metrics")
        #expect(scrape.status == 200)
        #expect(scrape.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        let families = try Self.parse(scrape.text)

        let requests = "koms_http_requests_total"
        #expect(Self.value(families, requests, ["route": "/user", "method": "POST", "status": "201"]) == 1)
        #expect(Self.value(families, requests, ["route": "/session", "method": "POST", "status": "200"]) == 1)
        #expect(Self.value(families, requests, ["route": "/session", "method": "POST", "status": "401"]) == 2)
        #expect(Self.value(families, requests, ["route": "/session", "method": "GET", "status": "200"]) == 3)
        #expect(Self.value(families, requests, ["route": "-", "method": "GET", "status": "404"]) == 2)
        #expect(Self.value(families, "koms_http_request_duration_seconds_count", ["route": "/session"]) == 6)
        #expect(
            Self.value(families, "koms_http_request_duration_seconds_bucket", ["route": "/session", "le": "+Inf"]) == 6
        )
        #expect(Self.value(families, "koms_failed_logins_total") == 2)
        #expect(Self.value(families, "koms_hashing_wait_seconds_count") == 4, "a sign-up and three logins hashed")
        #expect(Self.value(families, "koms_hashing_queue_length") == 0)
        #expect(Self.value(families, "koms_live_sessions") == 1)
        #expect(Self.value(families, "koms_database_errors_total") == 0)
        #expect(Self.value(families, "koms_throttled_requests_total", ["limit": "email"]) == 0)
        #expect((Self.value(families, "koms_http_open_connections") ?? 0) >= 1)
        #expect((Self.value(families, "process_resident_memory_bytes") ?? 0) > 1_000_000)

        let types = Dictionary(families.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        #expect(types["koms_http_requests"] == "counter")
        #expect(types["koms_http_request_duration_seconds"] == "histogram")
        #expect(types["koms_live_sessions"] == "gauge")
        #expect(server.stop(with: SIGTERM) == 0)
    }

    @Test(
        "without --metrics-address the API's listener serves /metrics",
        .enabled(if: python != nil, "make test sets KOMS_PYTHON")
    )
    func onTheAPIListener() throws {
        let server = try ServerProcess(databasePath: databasePath)
        let http = try server.connect()
        #expect(try http.send("GET", "/healthz").status == 200)
        let scrape = try http.send("GET", "/metrics")
        #expect(scrape.status == 200)
        let families = try Self.parse(scrape.text)
        #expect(
            Self.value(families, "koms_http_requests_total", ["route": "/healthz", "method": "GET", "status": "200"])
                == 1
        )
        #expect(server.stop(with: SIGTERM) == 0)
    }
}
