import Testing

@testable import SessionCore

@Suite("Per-address token buckets")
struct RateLimiterTests {
    let clock = ManualClock()

    @Test("a burst, then one request per refill interval, with the wait in Retry-After")
    func burstAndRefill() {
        let limiter = RateLimiter(limit: RateLimit(perMinute: 30, burst: 10), clock: clock)
        for _ in 0..<10 {
            #expect(limiter.take("127.0.0.2") == nil)
        }
        #expect(limiter.take("127.0.0.2") == 2, "30 a minute is one every 2 seconds")
        clock.advance(seconds: 1.999)
        #expect(limiter.take("127.0.0.2") == 1)
        clock.advance(seconds: 0.001)
        #expect(limiter.take("127.0.0.2") == nil)
        #expect(limiter.take("127.0.0.2") == 2)
        #expect(limiter.take("127.0.0.3") == nil, "another address has its own bucket")
    }

    @Test("frequent calls do not round the refill away")
    func fractionalRefill() {
        let limiter = RateLimiter(limit: RateLimit(perMinute: 10, burst: 1), clock: clock)
        #expect(limiter.take("a") == nil)
        for _ in 0..<5999 {
            clock.advance(seconds: 0.001)
            #expect(limiter.take("a") != nil)
        }
        clock.advance(seconds: 0.001)
        #expect(limiter.take("a") == nil)
    }

    @Test("the bucket never holds more than the burst")
    func burstCap() {
        let limiter = RateLimiter(limit: RateLimit(perMinute: 60, burst: 3), clock: clock)
        #expect(limiter.take("a") == nil)
        clock.advance(seconds: 3600)
        for _ in 0..<3 {
            #expect(limiter.take("a") == nil)
        }
        #expect(limiter.take("a") == 1)
    }

    @Test("a rate of zero is no limit")
    func unlimited() {
        let limiter = RateLimiter(limit: .unlimited, clock: clock)
        for _ in 0..<1000 {
            #expect(limiter.take("a") == nil)
        }
        #expect(limiter.trackedCount == 0)
    }

    @Test("many addresses stay under the cap")
    func boundedMemory() {
        let limiter = RateLimiter(limit: RateLimit(perMinute: 1, burst: 2), capacity: 32, clock: clock)
        for index in 0..<5000 {
            _ = limiter.take("address-\(index)")
            #expect(limiter.trackedCount <= 32)
        }
    }

    @Test("at the cap, refilled buckets are dropped before a drained one, even an older one")
    func evictsRefilledFirst() {
        let limiter = RateLimiter(limit: RateLimit(perMinute: 1, burst: 2), capacity: 4, clock: clock)
        #expect(limiter.take("drained") == nil)
        #expect(limiter.take("drained") == nil)
        clock.advance(seconds: 0.5)
        for name in ["r1", "r2", "r3"] {
            #expect(limiter.take(name) == nil)
        }
        // r1–r3 are full again; "drained" has one token of two.
        clock.advance(seconds: 60.5)
        #expect(limiter.take("newcomer") == nil)
        #expect(limiter.trackedCount <= 4)
        #expect(limiter.take("drained") == nil)
        #expect(limiter.take("drained") != nil, "a forgotten bucket would have granted a second token")
    }
}
