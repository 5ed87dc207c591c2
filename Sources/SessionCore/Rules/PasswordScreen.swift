/// Why a new password is refused as one that attackers try first.
public enum GuessablePassword: Sendable, Equatable {
    /// A common password, or one with digits or symbols added around it,
    /// letters swapped for look-alike digits, or repeated.
    case common
    /// One or two characters over and over, such as `aaaaaaaa` or `abababab`.
    case repetitive
    /// A run of consecutive characters, such as `abcdefgh` or `87654321`.
    case sequential
    /// Little more than the email, its name part or the service's name.
    case contextWords
}

/// The check NIST SP 800-63B (section 3.1.1.2) asks of a verifier when a
/// password is chosen: refuse values from breach lists, repetitive or
/// sequential characters, and words of the context (the service and the
/// account), and say which of these it was. Guessing tools try the common
/// passwords with digits added or letters swapped first, so those forms
/// are refused too; anything else of the minimum length is accepted, with
/// no rules on composition.
enum PasswordScreen {
    /// The service's own name, which users put in passwords made for it.
    private static let serviceName = "koms"

    /// Throws when `password`, already in NFKC form, is guessable.
    static func check(_ password: String, email: String) throws(SessionError) {
        let lowercased = password.lowercased()
        let text = Array(lowercased.unicodeScalars)
        let unit = repeatedUnit(of: text)
        if unit.count <= 2 {
            throw .passwordTooGuessable(.repetitive)
        }
        if isCommon(text) || isCommon(unit) {
            throw .passwordTooGuessable(.common)
        }
        if isSequential(text) {
            throw .passwordTooGuessable(.sequential)
        }
        if isMostlyContext(lowercased, email: email.lowercased()) {
            throw .passwordTooGuessable(.contextWords)
        }
    }

    /// The shortest piece that the text is made of, repeated whole; the
    /// text itself when it is no repetition.
    private static func repeatedUnit(of text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        for length in 1...max(1, text.count / 2) where text.count.isMultiple(of: length) {
            let unit = text[..<length]
            if stride(from: length, to: text.count, by: length).allSatisfy({ text[$0..<$0 + length] == unit }) {
                return Array(unit)
            }
        }
        return text
    }

    /// On the list as it is, without the digits and symbols around its
    /// letters, with look-alike digits read as letters, or both.
    private static func isCommon(_ text: [Unicode.Scalar]) -> Bool {
        let trimmed = trimmingAddedCharacters(text)
        return [text, trimmed, readingLookAlikes(text), readingLookAlikes(trimmed)].contains { candidate in
            !candidate.isEmpty && CommonPasswords.all.contains(String(String.UnicodeScalarView(candidate)))
        }
    }

    /// Without the ASCII digits, symbols and spaces at either end, the
    /// characters people add to a word to pass a check.
    private static func trimmingAddedCharacters(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        let isAdded = { (scalar: Unicode.Scalar) in scalar.isASCII && !scalar.properties.isAlphabetic }
        guard let first = text.firstIndex(where: { !isAdded($0) }), let last = text.lastIndex(where: { !isAdded($0) })
        else { return [] }
        return Array(text[first...last])
    }

    private static func readingLookAlikes(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        text.map { lookAlikes[$0] ?? $0 }
    }

    private static let lookAlikes: [Unicode.Scalar: Unicode.Scalar] = [
        "4": "a", "@": "a", "3": "e", "1": "i", "!": "i", "0": "o", "$": "s", "5": "s", "7": "t",
    ]

    /// Each character one above the one before, or each one below.
    private static func isSequential(_ text: [Unicode.Scalar]) -> Bool {
        let steps = zip(text, text.dropFirst()).map { Int($1.value) - Int($0.value) }
        return steps.allSatisfy { $0 == 1 } || steps.allSatisfy { $0 == -1 }
    }

    /// Holds a context word, and what is left once the context words are
    /// taken out and the digits and symbols around the rest are trimmed is
    /// under four characters.
    private static func isMostlyContext(_ password: String, email: String) -> Bool {
        let localPart = email.split(separator: "@").first.map(String.init) ?? ""
        let words = [email, localPart, serviceName].filter { $0.unicodeScalars.count >= 3 }
            .sorted { $0.unicodeScalars.count > $1.unicodeScalars.count }
        guard words.contains(where: password.contains) else { return false }
        var rest = password
        for word in words {
            rest = rest.replacing(word, with: "")
        }
        return trimmingAddedCharacters(Array(rest.unicodeScalars)).count < 4
    }
}
