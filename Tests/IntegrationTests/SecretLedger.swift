import Foundation
import Testing

/// The passwords a test sent and the tokens it was given, for the check
/// that none of them reached the server's log.
final class SecretLedger: @unchecked Sendable {
    private let lock = NSLock()
    private var secrets: Set<String> = []

    func note(_ secret: String) {
        guard !secret.isEmpty else { return }
        lock.withLock { _ = secrets.insert(secret) }
    }

    /// Records an issue for each secret found in a line.
    func expectAbsent(from lines: [String]) {
        let secrets = lock.withLock { self.secrets }
        for line in lines {
            for secret in secrets where line.contains(secret) {
                Issue.record("a secret reached the log: \(line)")
            }
        }
    }
}
