import Foundation
import KomsTestSupport
import Testing

/// Real headless Chromium (Debian's `chromium`) loads pages served by the
/// test from two origins, and their scripts call koms with `fetch`: the one
/// a client allows gets through, preflights included; the other is
/// stopped by the browser.
@Suite("CORS in a real browser")
struct BrowserCORSTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("koms-cors-\(UUID().uuidString)")

    @Test(
        "fetch from an allowed origin signs up, logs in and checks the token; another origin is refused",
        .enabled(if: chromium != nil, "scripts/install-dependencies installs chromium")
    )
    func fetchFromPages() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let databasePath = directory.appendingPathComponent("koms.sqlite").path
        let server = try ServerProcess(databasePath: databasePath)
        let allowed = try PageServer(directory: directory)
        let other = try PageServer(directory: directory)

        let (status, output) = try ServerProcess.run([
            "client", "add", "web", "--origin", "http://127.0.0.1:\(allowed.port)", "--database", databasePath,
        ])
        #expect(status == 0)
        let clientID = output.trimmingCharacters(in: .whitespacesAndNewlines)
        try Self.page(api: "http://127.0.0.1:\(server.port)", clientID: clientID)
            .write(to: directory.appendingPathComponent("page.html"), atomically: true, encoding: .utf8)

        let result = try Self.load("http://127.0.0.1:\(allowed.port)/page.html")
        #expect(result == "signup 201;login 200;check 200 with id", "the page said: \(result)")
        let refused = try Self.load("http://127.0.0.1:\(other.port)/page.html")
        #expect(refused == "refused TypeError", "the page said: \(refused)")
        #expect(server.logLines.contains { $0.contains("method=OPTIONS route=/user") && $0.contains("status=204") })
        #expect(server.stop(with: SIGTERM) == 0)
    }

    /// The page's script: each step's status, or how the browser refused.
    static func page(api: String, clientID: String) -> String {
        """
        <!doctype html>
        <html><body><p id="result">running</p><script>
        const api = "\(api)", client = "\(clientID)";
        const json = { "Content-Type": "application/json", "x-koms-clientid": client };
        const account = { email: "browser-" + location.port + "@example.com", password: "correct horse battery" };
        async function run() {
          const steps = [];
          try {
            let answer = await fetch(api + "/user", { method: "POST", headers: json, body: JSON.stringify(account) });
            steps.push("signup " + answer.status);
            answer = await fetch(api + "/session", { method: "POST", headers: json,
              body: JSON.stringify({ account_type: "traditional", ...account }) });
            steps.push("login " + answer.status);
            const tokens = await answer.json();
            answer = await fetch(api + "/session", { headers: { "x-koms-clientid": client,
              "Authorization": "Bearer " + tokens.access_token } });
            steps.push("check " + answer.status + (answer.headers.get("X-Request-Id") ? " with id" : " without id"));
          } catch (error) {
            steps.push("refused " + error.name);
          }
          document.getElementById("result").textContent = steps.join(";");
        }
        run();
        </script></body></html>
        """
    }

    /// Loads the page in headless Chromium, lets its script run, and
    /// returns what it wrote.
    static func load(_ url: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(chromium))
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--virtual-time-budget=20000",
            "--dump-dom", url,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let match = dom.firstMatch(of: /<p id="result">([^<]*)<\/p>/) else {
            throw TestFailure("no result in the page: \(dom)")
        }
        return String(match.1)
    }
}

/// `python3 -m http.server` on a free loopback port, serving a folder.
final class PageServer {
    private let process = Process()
    let port: Int

    init(directory: URL) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", directory.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var seen = ""
        while !seen.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw TestFailure("http.server ended: \(seen)") }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        guard let match = seen.firstMatch(of: /port (\d+)/), let port = Int(match.1) else {
            throw TestFailure("http.server said: \(seen)")
        }
        self.port = port
    }

    /// SIGKILL: the test process may ignore SIGTERM, and its children
    /// inherit that.
    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
