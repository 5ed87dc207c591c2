import Sodium
import Testing

@Suite("Secret box")
struct SecretBoxTests {
    private let key = SecureRandom.bytes(count: SecretBox.keyLength)
    private let message = Array("an OAuth client secret".utf8)

    @Test("keys are 32 bytes")
    func keyLength() {
        #expect(SecretBox.keyLength == 32)
    }

    @Test("what is sealed opens again under the same key", arguments: [0, 1, 23, 1000])
    func roundTrip(length: Int) {
        let plaintext = SecureRandom.bytes(count: length)

        #expect(SecretBox.open(SecretBox.seal(plaintext, key: key), key: key) == plaintext)
    }

    @Test("a box is a 24-byte nonce, a 16-byte tag and the ciphertext, fresh each time")
    func layout() {
        let first = SecretBox.seal(message, key: key)
        let second = SecretBox.seal(message, key: key)

        #expect(first.count == 24 + 16 + message.count)
        #expect(first.prefix(24) != second.prefix(24))
        #expect(first != second)
    }

    @Test("another key does not open the box")
    func wrongKey() {
        let sealed = SecretBox.seal(message, key: key)

        #expect(SecretBox.open(sealed, key: SecureRandom.bytes(count: SecretBox.keyLength)) == nil)
    }

    @Test("changing any single byte makes the box refuse to open", arguments: [0, 5])
    func tampered(length: Int) {
        let sealed = SecretBox.seal(SecureRandom.bytes(count: length), key: key)

        for index in sealed.indices {
            var altered = sealed
            altered[index] ^= 0x01

            #expect(SecretBox.open(altered, key: key) == nil, "byte \(index)")
        }
    }

    @Test("a truncated box does not open")
    func truncated() {
        let sealed = SecretBox.seal(message, key: key)

        #expect(SecretBox.open(Array(sealed.dropLast()), key: key) == nil)
        #expect(SecretBox.open(Array(sealed.prefix(39)), key: key) == nil)
        #expect(SecretBox.open(Array(sealed.prefix(40)), key: key) == nil)
        #expect(SecretBox.open([], key: key) == nil)
    }
}
