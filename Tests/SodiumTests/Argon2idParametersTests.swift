import Sodium
import Testing

@Suite("Argon2id parameters")
struct Argon2idParametersTests {
    @Test("the recommended cost is libsodium's INTERACTIVE level: t = 2, m = 64 MiB")
    func recommended() throws {
        #expect(Argon2idParameters.recommended.iterations == 2)
        #expect(Argon2idParameters.recommended.memoryBytes == 67_108_864)
        try Argon2idParameters.recommended.validate()
    }

    @Test(
        "libsodium's minimum (t = 1, m = 8 KiB) and the tests' cheap setting are valid",
        arguments: [
            Argon2idParameters(iterations: 1, memoryBytes: 8192),
            Argon2idParameters.fast,
        ]
    )
    func acceptsSmallValues(parameters: Argon2idParameters) throws {
        try parameters.validate()
    }

    @Test(
        "values outside libsodium's range are refused",
        arguments: [
            Argon2idParameters(iterations: 0, memoryBytes: 8 << 20),
            Argon2idParameters(iterations: -1, memoryBytes: 8 << 20),
            Argon2idParameters(iterations: Int(UInt32.max) + 1, memoryBytes: 8 << 20),
            Argon2idParameters(iterations: 1, memoryBytes: 8191),
            Argon2idParameters(iterations: 1, memoryBytes: 0),
            Argon2idParameters(iterations: 1, memoryBytes: -1),
            Argon2idParameters(iterations: 1, memoryBytes: Int.max),
        ]
    )
    func refusesOutOfRange(parameters: Argon2idParameters) {
        let error = #expect(throws: PasswordHashError.self) {
            try parameters.validate()
        }
        guard case .invalidParameters = error else {
            Issue.record("expected invalidParameters, got \(String(describing: error))")
            return
        }
    }
}
