import Testing

@testable import KomsAPI

@Suite("Request log fields")
struct RequestLogFieldTests {
    @Test(
        "durations in milliseconds with three decimals",
        arguments: [
            (Duration.zero, "0.000"), (.microseconds(7), "0.007"), (.microseconds(1_230), "1.230"),
            (.nanoseconds(12_345_999), "12.345"), (.seconds(3), "3000.000"), (.microseconds(-5), "0.000"),
        ]
    )
    func milliseconds(duration: Duration, text: String) {
        #expect(KomsHandler.milliseconds(duration) == text)
    }

    @Test(
        "durations in seconds for the latency histograms",
        arguments: [
            (Duration.zero, 0.0), (.microseconds(153), 0.000_153), (.milliseconds(1_500), 1.5),
            (.seconds(90) + .nanoseconds(1), 90.000_000_001),
        ]
    )
    func seconds(duration: Duration, seconds: Double) {
        #expect(abs(duration.inSeconds - seconds) <= seconds * 1e-12)
    }

    @Test("client ids are cut to 64 bytes")
    func shortened() {
        let long = String(repeating: "a", count: 100)
        #expect(KomsHandler.shortened(long) == String(repeating: "a", count: 64))
        #expect(KomsHandler.shortened("mobile") == "mobile")
    }
}
