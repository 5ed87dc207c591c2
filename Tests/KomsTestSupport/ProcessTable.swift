internal import Foundation

/// What /proc says about processes the harness did not start itself (pg_ctl
/// detaches the postmaster), so signalling alone cannot tell their state.
enum ProcessTable {
    /// Whether `pid` runs. A zombie counts as ended: the postmaster's parent
    /// is init once pg_ctl exits, and init may take seconds to reap it.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let fields = statFields(pid) else { return false }
        return fields[0] != "Z" && fields[0] != "X"
    }

    /// The ids of the processes whose parent is `pid`.
    static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { statFields($0)?[1] == "\(pid)" }
    }

    /// The fields of /proc/PID/stat after the command name (state, parent id,
    /// …); the name is skipped by its closing parenthesis since it may hold
    /// spaces.
    private static func statFields(_ pid: Int32) -> [Substring]? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let nameEnd = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: nameEnd)...].split(separator: " ")
        return fields.count > 1 ? fields : nil
    }
}
