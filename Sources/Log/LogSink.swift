import Dispatch
import Foundation
import Glibc
import Synchronization

/// Where log lines go.
public protocol LogSink: Sendable {
    func write(_ record: LogRecord)
}

/// Writes lines to standard error in batches: a `write` per request line
/// would cost as much as a third of a token check. Lines gather in a buffer
/// that a timer writes out every 50 ms, so request threads only append;
/// any warning or error goes out at once with what came before it, so that
/// what needs an operator is never held back. A process killed outright can
/// lose the last 50 ms of request lines.
///
/// Whoever writes holds `output` while taking the buffer, so batches keep
/// their order, and appending never waits for a write to finish.
public final class StandardErrorSink: LogSink, @unchecked Sendable {
    public static let shared = StandardErrorSink()

    /// Beyond this the appending thread writes the buffer itself, which
    /// bounds memory when standard error is slower than the lines arrive.
    private static let limitBytes = 1 << 20
    private let buffer = Mutex<[UInt8]>([])
    /// The spare buffer, swapped with `buffer` on every write out.
    private let output = Mutex<[UInt8]>([])
    private let timer: any DispatchSourceTimer
    private let writesJSON = Atomic<Bool>(false)

    private init() {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "koms.log", qos: .utility))
        timer.schedule(deadline: .now() + .milliseconds(50), repeating: .milliseconds(50))
        timer.setEventHandler { StandardErrorSink.shared.flush() }
        timer.resume()
    }

    /// One JSON object a line from now on (`--log-format json`), instead of text.
    public func writeJSONLines() {
        writesJSON.store(true, ordering: .relaxed)
    }

    public func write(_ record: LogRecord) {
        let full: Bool
        if writesJSON.load(ordering: .relaxed) {
            var line = [UInt8]()
            record.appendJSON(to: &line)
            line.append(UInt8(ascii: "\n"))
            full = line.withUnsafeBufferPointer(append)
        } else {
            full = record.withTextLine(append)
        }
        if full || record.level >= .warning {
            flush()
        }
    }

    /// Adds a line to the buffer, and says whether the buffer is full.
    private func append(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        buffer.withLock { buffer in
            buffer.append(contentsOf: line)
            return buffer.count >= Self.limitBytes
        }
    }

    /// Writes out what is buffered; call it before the process exits.
    public func flush() {
        output.withLock { spare in
            buffer.withLock { swap(&$0, &spare) }
            Self.writeAll(spare)
            spare.removeAll(keepingCapacity: true)
        }
    }

    private static func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { bytes in
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
