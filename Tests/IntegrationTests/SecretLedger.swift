import Foundation
import Testing

/// The passwords a test sent and the tokens it was given, for the check
/// that none of them reached the server's log.
///
/// A soak notes tens of thousands of secrets and logs as many lines, so a
/// line is not searched for each secret. It is cut into stretches of
/// letters, digits, `-` and `_`: a token is one such stretch, and a
/// password is found through its longest stretch, then confirmed. A
/// password with no such stretch is searched for directly.
final class SecretLedger: @unchecked Sendable {
    private let lock = NSLock()
    private var tokens: Set<Substring> = []
    private var passwordsByStretch: [Substring: Set<String>] = [:]
    private var passwordsWithoutStretch: Set<String> = []

    func noteToken(_ token: String) {
        guard !token.isEmpty else { return }
        lock.withLock { _ = tokens.insert(Substring(token)) }
    }

    func notePassword(_ password: String) {
        guard !password.isEmpty else { return }
        let longest = Self.stretches(of: password).max { $0.count < $1.count }
        lock.withLock {
            if let longest {
                _ = passwordsByStretch[longest, default: []].insert(password)
            } else {
                _ = passwordsWithoutStretch.insert(password)
            }
        }
    }

    /// Records an issue for each line that holds a secret.
    func expectAbsent(from lines: [String]) {
        let tokens = lock.withLock { self.tokens }
        let byStretch = lock.withLock { self.passwordsByStretch }
        let others = lock.withLock { self.passwordsWithoutStretch }
        for line in lines {
            let stretches = Self.stretches(of: line)
            let leaks =
                stretches.contains(where: tokens.contains)
                || stretches.contains { stretch in byStretch[stretch]?.contains(where: line.contains) ?? false }
                || others.contains(where: line.contains)
            if leaks {
                Issue.record("a secret reached the log: \(line)")
            }
        }
    }

    private static func stretches(of text: String) -> [Substring] {
        text.split { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_")) }
    }
}
