internal import CSodium

/// Comparison whose running time does not depend on where inputs differ, so
/// that checking a secret byte by byte leaks nothing through timing.
public enum ConstantTime: Sendable {
    /// False at once when the lengths differ: lengths here are public (fixed
    /// digest and key sizes), only the contents are secret.
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else {
            return false
        }
        SodiumLibrary.ensureReady()

        return sodium_memcmp(a, b, a.count) == 0
    }
}
