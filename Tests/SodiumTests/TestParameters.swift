import Sodium

extension Argon2idParameters {
    /// Cheap enough that a test can hash many times; far too weak for real use.
    static let fast = Argon2idParameters(iterations: 1, memoryBytes: 8 << 20)
}
