import Sodium
import Testing

@Suite("Secure random bytes and tokens")
struct SecureRandomTests {
    private static let urlSafeAlphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    @Test("exactly the requested number of bytes comes back", arguments: [0, 1, 16, 1000])
    func byteCount(count: Int) {
        #expect(SecureRandom.bytes(count: count).count == count)
    }

    @Test("two draws differ")
    func drawsDiffer() {
        #expect(SecureRandom.bytes(count: 32) != SecureRandom.bytes(count: 32))
    }

    @Test("a token is 43 URL-safe characters that decode to 32 bytes")
    func tokenShape() {
        let token = SecureRandom.token()

        #expect(token.count == 43)
        #expect(token.allSatisfy(Self.urlSafeAlphabet.contains))
        #expect(Base64URL.decode(token)?.count == 32)
    }

    @Test("tokens do not repeat")
    func tokensDistinct() {
        let tokens = (0..<1000).map { _ in SecureRandom.token() }

        #expect(Set(tokens).count == tokens.count)
    }
}
