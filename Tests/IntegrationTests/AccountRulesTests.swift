import Foundation
import KomsTestSupport
import Testing

@Suite("Sign-up and login rules")
struct AccountRulesTests {
    @Test("emails are trimmed and unique without regard to case")
    func emailUniqueness() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        #expect(try api.signUp("bob@example.com", "correct horse battery").status == 201)
        let taken = try api.signUp("  BOB@Example.COM\t", "another good password")
        #expect(taken.status == 409)
        #expect(taken.code == "email_taken")
    }

    @Test(
        "malformed emails are refused",
        arguments: [
            "", "plainaddress", "two@@example.com", "a@b@example.com", "@example.com", "user@", "user@localhost",
            "user@.com", "user@example.", "us er@example.com", "user\u{0}@example.com",
            String(repeating: "a", count: 243) + "@example.com",
        ]
    )
    func invalidEmails(email: String) throws {
        let server = try TestServer()
        let response = try APIClient(server).signUp(email, "correct horse battery")
        #expect(response.status == 400)
        #expect(response.code == "invalid_email")
    }

    @Test("an email of exactly 254 bytes is accepted")
    func longestEmail() throws {
        let server = try TestServer()
        let email = String(repeating: "a", count: 242) + "@example.com"
        #expect(email.utf8.count == 254)
        #expect(try APIClient(server).signUp(email, "correct horse battery").status == 201)
    }

    @Test("passwords: at least 8 code points as sent, at most 1024 bytes, not the email")
    func passwordPolicy() throws {
        let server = try TestServer()
        let api = try APIClient(server)

        #expect(try api.signUp("short@example.com", "1234567").code == "password_too_short")
        #expect(try api.signUp("eight@example.com", "mj7 qz2w").status == 201)
        #expect(try api.signUp("emoji@example.com", "🐴🔋📎✅🐴🔋📎✅").status == 201, "8 code points, 32 bytes")
        let decomposed = "e\u{301}a\u{301}o\u{301}u\u{301}"
        #expect(try api.signUp("marks@example.com", decomposed).status == 201, "8 code points, 4 after NFKC")
        #expect(
            try api.signUp("seven@example.com", String(decomposed.unicodeScalars.dropLast())).code
                == "password_too_short"
        )
        #expect(try api.signUp("long@example.com", String(repeating: "p", count: 1025)).code == "password_too_long")
        let longest = String(String(repeating: "horse battery ", count: 80).prefix(1024))
        #expect(try api.signUp("max@example.com", longest).status == 201)
        #expect(try api.signUp("same@example.com", "Same@Example.com").code == "password_equals_email")
        #expect(try api.signUp("rules@example.com", "all lowercase no digits").status == 201, "no composition rules")
    }

    @Test(
        "passwords that attackers try first are refused with a detail that names the reason",
        arguments: [
            ("passwordpassword", "too common"), ("password1!", "too common"), ("P@ssw0rd", "too common"),
            ("iloveyou", "too common"), ("2024sunshine", "too common"), ("aaaaaaaaaa", "repeats"),
            ("abababab", "repeats"), ("abcdefghij", "consecutive"), ("87654321", "consecutive"),
            ("komskomskoms", "the service's name"), ("janedoe1970!", "the email"),
            ("koms-janedoe1970", "the email"),
        ]
    )
    func guessablePasswords(password: String, reason: String) throws {
        let server = try TestServer()
        let response = try APIClient(server).signUp("janedoe1970@x.test", password)
        #expect(response.status == 400)
        #expect(response.code == "password_too_guessable")
        #expect(response.detail?.contains(reason) == true, "\(password): \(response.detail ?? "no detail")")
    }

    @Test("random passwords and passphrases are accepted")
    func unguessablePasswords() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#%&*+-.:=?@^_~")
        for index in 0..<10 {
            let password = String((0..<15).map { _ in alphabet.randomElement()! })
            #expect(try api.signUp("random-\(index)@x.test", password).status == 201, "\(password)")
        }
        #expect(try api.signUp("phrase@x.test", "koms keeps my sessions").status == 201)
        #expect(try api.signUp("janedoe1970@x.test", "janedoe's own passphrase").status == 201)
    }

    @Test("a password typed in another Unicode form logs in")
    func passwordNormalization() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        #expect(try api.signUp("nfkc@example.com", "caf\u{E9} au lait").status == 201)
        #expect(try api.logIn("nfkc@example.com", "cafe\u{301} au lait").status == 200)
    }

    @Test("account_type may be omitted at sign-up but must be traditional when present")
    func accountType() throws {
        let server = try TestServer()
        let http = try server.connect()
        let headers = [(TestServer.clientHeader, server.clientID), jsonContentType]
        let good = try http.send(
            "POST",
            "/user",
            headers: headers,
            body: jsonBody([
                "email": "t@example.com", "password": "correct horse battery", "account_type": "traditional",
            ])
        )
        #expect(good.status == 201)
        let bad = try http.send(
            "POST",
            "/user",
            headers: headers,
            body: jsonBody(["email": "u@example.com", "password": "correct horse battery", "account_type": "google"])
        )
        #expect(bad.status == 400)
    }

    @Test("a failed login looks the same for an unknown email and a wrong password")
    func uniformFailures() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        _ = try api.signUp("known@example.com", "correct horse battery")

        let wrongPassword = try api.logIn("known@example.com", "wrong horse battery")
        let unknownEmail = try api.logIn("nobody@example.com", "wrong horse battery")
        for response in [wrongPassword, unknownEmail] {
            #expect(response.status == 401)
            #expect(response.code == "invalid_credentials")
        }
        #expect(wrongPassword.body == unknownEmail.body)
        #expect(wrongPassword.header("WWW-Authenticate") == unknownEmail.header("WWW-Authenticate"))

        // The operator's log tells the two apart; a line is written just after its answer.
        let deadline = ContinuousClock.now + .seconds(5)
        var refusals: [String] = []
        while refusals.count < 2 && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            refusals = server.logs.lines.filter { $0.contains("code=invalid_credentials") }
        }
        #expect(refusals.count == 2)
        #expect(refusals.first?.contains("reason=wrong_password") == true)
        #expect(refusals.last?.contains("reason=unknown_email") == true)
    }

    @Test("login accepts the email in any case and with spaces around it")
    func loginEmailForms() throws {
        let server = try TestServer()
        let api = try APIClient(server)
        _ = try api.signUp("Carol@Example.com", "correct horse battery")
        #expect(try api.logIn(" carol@EXAMPLE.com ", "correct horse battery").status == 200)
    }
}
