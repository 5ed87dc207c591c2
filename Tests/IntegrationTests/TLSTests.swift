import Foundation
import Testing

/// HTTPS through libmicrohttpd's GnuTLS, with a certificate made by the
/// test and curl as the client, since the raw-socket client speaks no TLS.
@Suite("TLS with --tls-cert and --tls-key")
struct TLSTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("koms-tls-\(UUID().uuidString)")

    /// A self-signed certificate for 127.0.0.1.
    func makeCertificate() throws -> (certificate: String, key: String) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let result = try runProgram(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out",
                certificate,
            ]
        )
        guard result.status == 0 else { throw TestFailure("openssl failed: \(result.output)") }
        return (certificate, key)
    }

    func curl(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try runProgram("/usr/bin/curl", ["--silent", "--show-error", "--max-time", "10"] + arguments)
    }

    @Test("serves HTTPS with TLS 1.2 and 1.3, and refuses TLS 1.1, CBC suites and plain HTTP; answers carry HSTS")
    func servesHTTPS() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let (certificate, key) = try makeCertificate()
        let server = try ServerProcess(
            databasePath: directory.appendingPathComponent("koms.sqlite").path,
            extraArguments: ["--tls-cert", certificate, "--tls-key", key]
        )
        #expect(server.logLines.contains { $0.contains("address=https://") })
        let url = "https://127.0.0.1:\(server.port)/ping"

        let tls13 = try curl(["--cacert", certificate, "--tlsv1.3", url])
        #expect(tls13.status == 0)
        #expect(tls13.output.contains("pong"))
        let tls12 = try curl(["--cacert", certificate, "--tlsv1.2", "--tls-max", "1.2", url])
        #expect(tls12.status == 0)
        #expect(tls12.output.contains("pong"))

        #expect(try curl(["--cacert", certificate, "--tlsv1", "--tls-max", "1.1", url]).status != 0)

        let head = try curl(["--cacert", certificate, "--include", url])
        #expect(head.output.lowercased().contains("strict-transport-security: max-age=31536000"))
        // TLS 1.2 offers only suites with forward secrecy and AEAD: no CBC with SHA-1.
        let cbc = ["--tlsv1.2", "--tls-max", "1.2", "--ciphers", "ECDHE-ECDSA-AES128-SHA"]
        #expect(try curl(["--cacert", certificate] + cbc + [url]).status != 0)
        let gcm = ["--tlsv1.2", "--tls-max", "1.2", "--ciphers", "ECDHE-ECDSA-AES128-GCM-SHA256"]
        #expect(try curl(["--cacert", certificate] + gcm + [url]).output.contains("pong"))
        #expect(try curl(["http://127.0.0.1:\(server.port)/ping"]).status != 0)
        #expect(server.stop(with: SIGTERM) == 0)
    }

    @Test("a certificate without its key is a usage error")
    func certificateNeedsKey() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let (certificate, _) = try makeCertificate()
        let result = try runProgram(
            ServerProcess.binary.path,
            [
                "serve", "--port", "0", "--database", directory.appendingPathComponent("k.sqlite").path, "--tls-cert",
                certificate,
            ]
        )
        #expect(result.status == 64)
        #expect(result.output.contains("--tls-cert and --tls-key go together"))
    }
}

/// Runs a program to its end; its exit status and its output and errors together.
private func runProgram(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}
