/// A seeded pseudo-random generator (Steele, Lea and Flood's SplitMix64), so
/// that a generated test case that fails can be generated again from its seed.
///
/// `SystemRandomNumberGenerator` cannot be seeded, and its sequence would
/// differ on every run. This one is tiny, fast and statistically sound
/// enough for choosing test inputs; it is not for secrets.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
