import Foundation
import Glibc

/// The standard `process_` metrics of Prometheus's client libraries, read
/// from /proc at each scrape.
public enum ProcessMetrics {
    /// Taken when the process first asks; koms asks at start.
    public static let startTime = Date()

    public static func write(to exposition: inout Exposition) {
        exposition.family("process_resident_memory_bytes", .gauge, help: "Resident memory size in bytes.")
        exposition.sample("process_resident_memory_bytes", [], Double(residentBytes()))
        exposition.family("process_open_fds", .gauge, help: "Number of open file descriptors.")
        exposition.sample("process_open_fds", [], Double(openFileDescriptors()))
        exposition.family(
            "process_cpu_seconds_total",
            .counter,
            help: "Total user and system CPU time spent in seconds."
        )
        exposition.sample("process_cpu_seconds_total", [], cpuSeconds())
        exposition.family(
            "process_start_time_seconds",
            .gauge,
            help: "Start time of the process since unix epoch in seconds."
        )
        exposition.sample("process_start_time_seconds", [], startTime.timeIntervalSince1970.rounded())
    }

    /// The second field of /proc/self/statm, in pages.
    static func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    static func openFileDescriptors() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
