import Sodium
import Testing

@Suite("BLAKE2b-256")
struct DigestTests {
    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    // The expected digests come from Python's hashlib.blake2b with
    // digest_size=32, an implementation independent of libsodium.

    @Test(
        "unkeyed digests match known answers",
        arguments: [
            ("", "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"),
            ("abc", "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"),
        ]
    )
    func unkeyedKnownAnswers(message: String, expected: String) {
        #expect(hex(Digest.blake2b256(Array(message.utf8))) == expected)
    }

    @Test("a keyed digest matches a known answer")
    func keyedKnownAnswer() {
        let key = (0..<32).map { UInt8($0) }

        #expect(
            hex(Digest.blake2b256(Array("koms".utf8), key: key))
                == "7e018a8000d160b90472768bff49bea69421e9b95d80a6ad9c76328cc9f03a0c"
        )
    }

    @Test("the key changes the digest, and so does each different key")
    func keyMatters() {
        let message = Array("purpose".utf8)
        let unkeyed = Digest.blake2b256(message)
        let first = Digest.blake2b256(message, key: [UInt8](repeating: 1, count: 16))
        let second = Digest.blake2b256(message, key: [UInt8](repeating: 2, count: 64))

        #expect(first != unkeyed)
        #expect(second != unkeyed)
        #expect(first != second)
    }

    @Test("every digest is 32 bytes", arguments: [0, 1, 128, 10_000])
    func length(messageLength: Int) {
        let message = SecureRandom.bytes(count: messageLength)

        #expect(Digest.blake2b256(message).count == 32)
        #expect(Digest.blake2b256(message, key: SecureRandom.bytes(count: 32)).count == 32)
    }
}
