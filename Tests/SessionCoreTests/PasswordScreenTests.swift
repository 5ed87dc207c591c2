import Testing

@testable import SessionCore

@Suite("Guessable passwords")
struct PasswordScreenTests {
    @Test(
        "common passwords and their simple variations",
        arguments: [
            "123456789", "password", "Password", "qwertyuiop", "trustno1", "football2024", "!!sunshine!!", "p4ssw0rd",
        ]
    )
    func common(password: String) {
        #expect(reason(password) == .common)
    }

    @Test("repetitions of a common password, or of one or two characters")
    func repetitions() {
        #expect(reason("dragondragondragon") == .common)
        #expect(reason("zzzzzzzz") == .repetitive)
        #expect(reason("12121212") == .repetitive)
        #expect(reason("xyzxyzxyz") == nil, "a three-character unit is judged as its whole")
    }

    @Test("runs of consecutive characters, up or down")
    func sequences() {
        #expect(reason("bcdefghijk") == .sequential)
        #expect(reason("98765432") == .sequential)
        #expect(reason("bcdefghijl") == nil)
    }

    @Test("the email, its name part and the service's name, with fewer than four other characters")
    func contextWords() {
        let email = "Ada.Lovelace@example.com"
        #expect(reason("ada.lovelace", email: email) == .contextWords)
        #expect(reason("ADA.LOVELACE@EXAMPLE.COM!", email: email) == .contextWords)
        #expect(reason("koms2026koms", email: email) == .contextWords)
        #expect(reason("ada.lovelace-abc", email: email) == .contextWords)
        #expect(reason("ada.lovelace-abcd", email: email) == nil)
        #expect(reason("my koms passphrase", email: email) == nil)
        #expect(reason("🐴🔋📎✅🐴🔋📎✅", email: email) == nil, "no context word, nothing to take out")
        #expect(reason("83920571", email: email) == nil)
    }

    @Test("the list holds the 10,000 passwords, and more than 3,000 of at least 8 characters")
    func listSize() {
        #expect(CommonPasswords.all.count == 10_000)
        #expect(CommonPasswords.all.filter { $0.count >= 8 }.count > 3_000)
        #expect(CommonPasswords.all.contains("123456"))
        #expect(CommonPasswords.all.contains("qqqqqq1"), "the last of the list")
        #expect(!CommonPasswords.all.contains("correct horse battery"))
    }

    private func reason(_ password: String, email: String = "someone@example.com") -> GuessablePassword? {
        do {
            try PasswordScreen.check(password, email: email)
            return nil
        } catch {
            guard case .passwordTooGuessable(let reason) = error else {
                Issue.record("unexpected \(error)")
                return nil
            }
            return reason
        }
    }
}
