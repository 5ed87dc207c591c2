import Dispatch
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
        var line = UTCTimestamp.format(time)
        line.reserveCapacity(160)
        line.append(" ")
        line.append(level.description)
        line.append(" ")
        line.append(label)
        line.append(": ")
        line.append(message)
        for (key, value) in metadata {
            line.append(" ")
            line.append(key)
            line.append("=")
            line.append(Self.quotedIfNeeded(value))
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

/// Writes lines to standard error in batches: a `write` per request line
/// would cost as much as a third of a token check. Lines gather in a buffer
/// that goes out every 50 ms, or once it holds 32 KiB, and at once with any
/// warning or error, so that what needs an operator is never held back. A
/// process killed outright can lose the last 50 ms of request lines.
///
/// The buffer is written while its lock is held, so lines keep their order.
public final class StandardErrorSink: LogSink, @unchecked Sendable {
    public static let shared = StandardErrorSink()

    private static let flushBytes = 32 * 1024
    private let buffer = Mutex<[UInt8]>([])
    private let timer: any DispatchSourceTimer

    private init() {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "koms.log", qos: .utility))
        timer.schedule(deadline: .now() + .milliseconds(50), repeating: .milliseconds(50))
        timer.setEventHandler { StandardErrorSink.shared.flush() }
        timer.resume()
    }

    public func write(_ record: LogRecord) {
        var line = record.formatted
        line.append("\n")
        let urgent = record.level >= .warning
        buffer.withLock { buffer in
            buffer.append(contentsOf: line.utf8)
            if urgent || buffer.count >= Self.flushBytes {
                Self.writeAll(&buffer)
            }
        }
    }

    /// Writes out what is buffered; call it before the process exits.
    public func flush() {
        buffer.withLock { Self.writeAll(&$0) }
    }

    private static func writeAll(_ bytes: inout [UInt8]) {
        bytes.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(2, bytes.baseAddress! + offset, bytes.count - offset)
                guard written > 0 else { return }
                offset += written
            }
        }
        bytes.removeAll(keepingCapacity: true)
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
