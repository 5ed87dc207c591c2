import Testing

@testable import KomsAPI

@Suite("API metrics")
struct APIMetricsTests {
    @Test("problem codes count failed logins and each kind of throttling")
    func problemCodes() {
        let metrics = APIMetrics()
        metrics.record(route: "/session", method: "POST", status: 401, seconds: 0.1, problemCode: "invalid_credentials")
        metrics.record(route: "/session", method: "POST", status: 429, seconds: 0.1, problemCode: "too_many_attempts")
        metrics.record(route: "/user", method: "POST", status: 429, seconds: 0.1, problemCode: "too_many_requests")
        metrics.record(route: "/user", method: "POST", status: 429, seconds: 0.1, problemCode: "too_many_requests")
        metrics.record(route: "/session", method: "GET", status: 401, seconds: 0.1, problemCode: "invalid_token")
        #expect(metrics.failedLogins.load(ordering: .relaxed) == 1)
        #expect(metrics.throttledByEmail.load(ordering: .relaxed) == 1)
        #expect(metrics.throttledByAddress.load(ordering: .relaxed) == 2)
    }

    @Test("methods outside the API's own are one label, so clients cannot grow the series")
    func methods() {
        #expect(APIMetrics.methodLabel("GET") == "GET")
        #expect(APIMetrics.methodLabel("BREW") == "other")
        #expect(APIMetrics.methodLabel("get") == "other")
    }
}
