/// A small logger in the shape of swift-log: a label, a level threshold,
/// metadata carried along, and a sink that writes the lines.
///
/// Messages are constant phrases; what varies goes in metadata, so that
/// lines can be searched and so that nothing secret is interpolated by habit.
public struct Logger: Sendable {
    public enum Level: Int, Comparable, Sendable, CaseIterable, CustomStringConvertible {
        case trace, debug, info, notice, warning, error, critical

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        public var description: String {
            switch self {
            case .trace: "trace"
            case .debug: "debug"
            case .info: "info"
            case .notice: "notice"
            case .warning: "warning"
            case .error: "error"
            case .critical: "critical"
            }
        }

        public init?(name: String) {
            guard let level = Level.allCases.first(where: { $0.description == name.lowercased() }) else { return nil }
            self = level
        }
    }

    public var label: String
    public var level: Level
    public var metadata: [(String, LogValue)]
    private let sink: any LogSink

    public init(label: String, level: Level = .info, sink: any LogSink = StandardErrorSink.shared) {
        self.label = label
        self.level = level
        self.metadata = []
        self.sink = sink
    }

    public func log(_ level: Level, _ message: @autoclosure () -> String, _ metadata: [(String, LogValue)] = []) {
        guard level >= self.level else { return }
        let all = self.metadata.isEmpty ? metadata : self.metadata + metadata
        sink.write(LogRecord(level: level, label: label, message: message(), metadata: all))
    }

    public func debug(_ message: @autoclosure () -> String, _ metadata: [(String, LogValue)] = []) {
        log(.debug, message(), metadata)
    }

    public func info(_ message: @autoclosure () -> String, _ metadata: [(String, LogValue)] = []) {
        log(.info, message(), metadata)
    }

    /// Events of the process's life (start, stop), which an operator keeps
    /// even when request lines (`info`) are turned off.
    public func notice(_ message: @autoclosure () -> String, _ metadata: [(String, LogValue)] = []) {
        log(.notice, message(), metadata)
    }

    public func warning(_ message: @autoclosure () -> String, _ metadata: [(String, LogValue)] = []) {
        log(.warning, message(), metadata)
    }

    public func error(_ message: @autoclosure () -> String, _ metadata: [(String, LogValue)] = []) {
        log(.error, message(), metadata)
    }
}
