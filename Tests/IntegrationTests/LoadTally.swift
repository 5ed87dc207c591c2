import KomsTestSupport

/// The answers one phase of a load got: how many, with which statuses, each
/// one the rules do not allow, and how often the notable cases came up.
struct LoadTally: Sendable {
    /// Enough examples to diagnose a failure without flooding the log.
    private static let keptViolations = 25

    private(set) var answers = 0
    private(set) var statuses: [Int: Int] = [:]
    private(set) var violationCount = 0
    private(set) var violations: [String] = []
    /// Counts of named cases (racing refreshes, refreshes cut off by the
    /// kill that took effect, …), so a test can tell they happened.
    private(set) var outcomes: [String: Int] = [:]

    mutating func record(_ response: HTTPTestResponse) {
        answers += 1
        statuses[response.status, default: 0] += 1
    }

    mutating func violation(_ description: String) {
        violationCount += 1
        if violations.count < Self.keptViolations {
            violations.append(description)
        }
    }

    mutating func note(_ outcome: String) {
        outcomes[outcome, default: 0] += 1
    }

    mutating func merge(_ other: LoadTally) {
        answers += other.answers
        statuses.merge(other.statuses, uniquingKeysWith: +)
        violationCount += other.violationCount
        outcomes.merge(other.outcomes, uniquingKeysWith: +)
        violations += other.violations.prefix(Self.keptViolations - violations.count)
    }

    var serverErrors: Int {
        statuses.filter { $0.key >= 500 }.values.reduce(0, +)
    }

    /// One line for the test log, such as `20004 answers: 200×12011 204×501 …`.
    var summary: String {
        let counts = statuses.keys.sorted().map { "\($0)×\(statuses[$0]!)" }.joined(separator: " ")
        let cases = outcomes.keys.sorted().map { "; \($0) ×\(outcomes[$0]!)" }.joined()
        return "\(answers) answers: \(counts)\(cases); \(violationCount) violations"
    }
}
