import Foundation
import Glibc

/// The standard `process_` metrics of Prometheus's client libraries, read
/// from /proc at each scrape.
public enum ProcessMetrics {
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
        exposition.sample("process_start_time_seconds", [], startTimeSeconds())
    }

    /// The second field of /proc/self/statm, in pages.
    static func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Boot time (`btime` of /proc/stat) plus the process's start in clock
    /// ticks after boot (field 22 of /proc/self/stat), as the Prometheus
    /// clients compute it.
    static func startTimeSeconds() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let system = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let bootLine = system.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
            let bootSeconds = Double(bootLine.dropFirst("btime ".count))
        else { return 0 }
        // The command name in parentheses may hold spaces, so count from its
        // closing parenthesis: then come the state (field 3) and the rest,
        // which puts field 22 at index 20.
        let afterName = stat[(stat.lastIndex(of: ")") ?? stat.startIndex)...].split(separator: " ")
        guard afterName.count > 20, let ticks = Double(afterName[20]) else { return 0 }
        return bootSeconds + ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
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
