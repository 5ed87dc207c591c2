import Foundation
import Testing

@testable import Metrics

@Suite("Prometheus text exposition")
struct ExpositionTests {
    @Test("histograms: buckets cumulative, le last, +Inf equal to the count, sum and count")
    func histogram() {
        var histogram = Histogram(bounds: [0.1, 1])
        for value in [0.05, 0.1, 0.5, 2] {
            histogram.observe(value)
        }
        var exposition = Exposition()
        exposition.family("x_seconds", .histogram, help: "x")
        exposition.histogram("x_seconds", [("route", "/a")], histogram)
        #expect(
            exposition.text == """
                # HELP x_seconds x
                # TYPE x_seconds histogram
                x_seconds_bucket{route="/a",le="0.1"} 2
                x_seconds_bucket{route="/a",le="1"} 3
                x_seconds_bucket{route="/a",le="+Inf"} 4
                x_seconds_sum{route="/a"} 2.65
                x_seconds_count{route="/a"} 4

                """
        )
    }

    @Test("label values and help text are escaped")
    func escaping() {
        var exposition = Exposition()
        exposition.family("y_total", .counter, help: "a \\ b\nc")
        exposition.sample("y_total", [("path", "a\"b\\c\nd")], 1)
        #expect(
            exposition.text
                == "# HELP y_total a \\\\ b\\nc\n# TYPE y_total counter\ny_total{path=\"a\\\"b\\\\c\\nd\"} 1\n"
        )
    }

    @Test("histograms merge bucket by bucket")
    func merging() {
        var first = Histogram(bounds: [1])
        var second = Histogram(bounds: [1])
        first.observe(0.5)
        second.observe(3)
        first.merge(second)
        #expect(first.bucketCounts == [1, 1])
        #expect(first.count == 2)
        #expect(first.sum == 3.5)
    }

    @Test("request series add up over the threads that recorded them")
    func requests() async {
        let metrics = RequestMetrics()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<250 {
                        metrics.record(route: "/session", method: "GET", status: 200, seconds: 0.001)
                    }
                }
            }
        }
        let snapshot = metrics.snapshot()
        #expect(snapshot.counts[RequestMetrics.Key(route: "/session", method: "GET", status: 200)] == 1000)
        #expect(snapshot.latencies["/session"]?.count == 1000)
    }

    @Test("each route, method and status is a series of its own; latencies are by route")
    func series() {
        let metrics = RequestMetrics()
        let recorded: [(route: String, method: String, status: Int, times: Int)] = [
            ("/session", "GET", 200, 3), ("/session", "GET", 401, 2), ("/session", "PUT", 200, 1),
            ("/user", "GET", 200, 4), ("/user", "POST", 201, 5),
        ]
        for (route, method, status, times) in recorded {
            for _ in 0..<times {
                metrics.record(route: route, method: method, status: status, seconds: 0.002)
            }
        }
        let snapshot = metrics.snapshot()
        #expect(snapshot.counts.count == recorded.count)
        for (route, method, status, times) in recorded {
            #expect(snapshot.counts[RequestMetrics.Key(route: route, method: method, status: status)] == UInt64(times))
        }
        #expect(snapshot.latencies["/session"]?.count == 6)
        #expect(snapshot.latencies["/user"]?.count == 9)
    }

    @Test("the process start time is when this test process started, not when it was first asked")
    func startTime() {
        let age = Date().timeIntervalSince1970 - ProcessMetrics.startTimeSeconds()
        #expect(age >= 0 && age < 3600, "\(age) s")
    }
}
