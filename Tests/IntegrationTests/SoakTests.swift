import Foundation
import Testing

@Suite("Soak: a mixed load from many clients at once")
struct SoakTests {
    @Test("20,000 mixed requests from 8 threads get only 2xx and expected 4xx, and every session stays consistent")
    func mixedLoad() throws {
        let server = try TestServer()
        let target = LoadTarget(port: server.server.port, clientID: server.clientID, secrets: server.secrets)
        let started = ContinuousClock.now

        let report = MixedWorkload(target: target, workers: 8, requestsPerWorker: 2_500).run()
        print("soak load: \(report.tally.summary)")
        #expect(report.tally.answers >= 20_000)
        #expect(report.tally.serverErrors == 0)
        #expect(report.tally.violations.isEmpty, "\(report.tally.violations)")
        #expect(report.interruptedWorkers == 0)
        #expect(report.journals.unknownSignUps == 0, "every sign-up was answered by the rules")
        for race in ["racing refreshes", "racing sign-ups"] {
            #expect(report.tally.outcomes[race, default: 0] >= 50, "the load raced often enough: \(race)")
        }

        let check = ConsistencyCheck(target: target).run(report.journals).tally
        print("soak check: \(check.summary); \(ContinuousClock.now - started) in all")
        #expect(check.serverErrors == 0)
        #expect(check.violations.isEmpty, "\(check.violations)")
    }
}
