import Sodium
import Testing

@Suite("Unpadded base64url")
struct Base64URLTests {
    @Test(
        "RFC 4648's test vectors encode without padding",
        arguments: [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ]
    )
    func rfcVectors(plain: String, encoded: String) {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test("the last two digits are - and _ rather than + and /")
    func urlSafeAlphabet() {
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(Base64URL.encode([0xFB, 0xEF, 0xBE]) == "----")
        #expect(Base64URL.encode([0xFF, 0xFF, 0xFF]) == "____")
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
    }

    @Test("random bytes of every length up to 64 survive a round trip")
    func roundTrip() {
        for length in 0...64 {
            let bytes = SecureRandom.bytes(count: length)

            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
    }

    @Test(
        "text outside the strict unpadded URL-safe form is refused",
        arguments: [
            "Zg==",
            "Zm9v=",
            "Zm9v+A",
            "Zm9v/A",
            "Z",
            "Zm9vY",
            "Zh",
            "Zm 9v",
            "Zm9v\n",
            "Zm\u{E9}",
            "Zm9v\u{0}",
        ]
    )
    func rejectsInvalid(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }
}
