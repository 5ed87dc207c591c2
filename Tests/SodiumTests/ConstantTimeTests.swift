import Sodium
import Testing

@Suite("Constant-time comparison")
struct ConstantTimeTests {
    @Test("equal contents compare equal, empty ones included")
    func equalContents() {
        let bytes = SecureRandom.bytes(count: 32)

        #expect(ConstantTime.equal(bytes, bytes))
        #expect(ConstantTime.equal([], []))
    }

    @Test("a difference in the first or the last byte is found")
    func differentContents() {
        let bytes = SecureRandom.bytes(count: 32)
        var firstChanged = bytes
        firstChanged[0] ^= 1
        var lastChanged = bytes
        lastChanged[31] ^= 0x80

        #expect(!ConstantTime.equal(bytes, firstChanged))
        #expect(!ConstantTime.equal(bytes, lastChanged))
    }

    @Test("different lengths are unequal, even when one is a prefix of the other")
    func differentLengths() {
        let bytes = SecureRandom.bytes(count: 32)

        #expect(!ConstantTime.equal(bytes, Array(bytes.prefix(31))))
        #expect(!ConstantTime.equal([], bytes))
    }
}
