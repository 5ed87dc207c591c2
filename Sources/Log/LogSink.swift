import Foundation
import Glibc
import Synchronization

/// One line to write.
public struct LogRecord: Sendable {
    public var time: Date
    public var level: Logger.Level
    public var label: String
    public var message: String
    public var metadata: [(String, String)]

    public init(
        time: Date = Date(),
        level: Logger.Level,
        label: String,
        message: String,
        metadata: [(String, String)]
    ) {
        self.time = time
        self.level = level
        self.label = label
        self.message = message
        self.metadata = metadata
    }

    /// `2026-12-04T05:06:07.089Z info koms: message key=value key2="a b"`
    public var formatted: String {
        var line = "\(UTCTimestamp.format(time)) \(level) \(label): \(message)"
        for (key, value) in metadata {
            line += " \(key)=\(Self.quotedIfNeeded(value))"
        }
        return line
    }

    /// Quotes values with spaces, quotes or control characters, so that
    /// a value cannot forge a second line or another key.
    private static func quotedIfNeeded(_ value: String) -> String {
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy { $0.value > 0x20 && $0 != "\"" && $0 != "\\" }
        guard !plain else { return value }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                quoted += "\\u{\(String(scalar.value, radix: 16))}"
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}

/// Where log lines go.
public protocol LogSink: Sendable {
    func write(_ record: LogRecord)
}

/// Writes each line to standard error in one `write`. Linux keeps a single
/// `write` whole against concurrent ones on the same file or pipe, so lines
/// from concurrent threads never interleave and no lock is needed.
public final class StandardErrorSink: LogSink {
    public static let shared = StandardErrorSink()

    public func write(_ record: LogRecord) {
        var line = record.formatted
        line.append("\n")
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(2, bytes.baseAddress! + offset, bytes.count - offset)
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}

/// Keeps every record, for tests that read what was logged.
public final class MemoryLogSink: LogSink {
    private let records = Mutex<[LogRecord]>([])

    public init() {}

    public func write(_ record: LogRecord) {
        records.withLock { $0.append(record) }
    }

    public var lines: [String] {
        records.withLock { $0.map(\.formatted) }
    }
}
