import Foundation
import JSON

/// One line to write.
public struct LogRecord: Sendable {
    public var time: Date
    public var level: Logger.Level
    public var label: String
    public var message: String
    public var metadata: [(String, LogValue)]

    public init(
        time: Date = Date(),
        level: Logger.Level,
        label: String,
        message: String,
        metadata: [(String, LogValue)]
    ) {
        self.time = time
        self.level = level
        self.label = label
        self.message = message
        self.metadata = metadata
    }

    /// `2026-12-04T05:06:07.089Z info koms: message key=value key2="a b"`
    public var formatted: String {
        withTextLine { String(decoding: $0.dropLast(), as: UTF8.self) }
    }

    /// Hands the `formatted` line and its newline to `body`. A line is
    /// written for every request, so it is built in memory of the length
    /// counted first, on the stack when it fits there.
    public func withTextLine<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: textLineLength) { memory in
            var line = ByteCursor(memory)
            UTCTimestamp.write(time, to: &line)
            line.write(.space)
            line.write(level.description)
            line.write(.space)
            line.write(label)
            line.write(UInt8(ascii: ":"))
            line.write(.space)
            line.write(message)
            for (key, value) in metadata {
                line.write(.space)
                line.write(key)
                line.write(UInt8(ascii: "="))
                switch value {
                case .text(let text): text.withUTF8Bytes { TextValue.write($0, to: &line) }
                case .number(let digits): line.write(digits)
                }
            }
            line.write(UInt8(ascii: "\n"))
            assert(line.count == memory.count, "a log line came out shorter than the length counted for it")
            return body(line.written)
        }
    }

    private var textLineLength: Int {
        var length = UTCTimestamp.length + 1 + level.description.utf8.count + 1 + label.utf8.count + 2
        length += message.utf8.count + 1
        for (key, value) in metadata {
            length += 2 + key.utf8.count
            switch value {
            case .text(let text): length += text.withUTF8Bytes(TextValue.length(of:))
            case .number(let digits): length += digits.utf8.count
            }
        }
        return length
    }

    /// One JSON object a line: `time`, `level`, `logger` and `message`,
    /// then the metadata in order, numbers unquoted.
    public func appendJSON(to line: inout [UInt8]) {
        line.reserveCapacity(line.count + 384)
        line.append(contentsOf: #"{"time":""#.utf8)
        UTCTimestamp.append(time, to: &line)
        line.append(contentsOf: #"","level":"#.utf8)
        JSONWriter.writeString(level.description, to: &line)
        line.append(contentsOf: #","logger":"#.utf8)
        JSONWriter.writeString(label, to: &line)
        line.append(contentsOf: #","message":"#.utf8)
        JSONWriter.writeString(message, to: &line)
        for (key, value) in metadata {
            line.append(UInt8(ascii: ","))
            JSONWriter.writeString(key, to: &line)
            line.append(UInt8(ascii: ":"))
            switch value {
            case .text(let text): JSONWriter.writeString(text, to: &line)
            case .number(let digits): digits.withUTF8Bytes { line.append(contentsOf: $0) }
            }
        }
        line.append(UInt8(ascii: "}"))
    }
}

extension UInt8 {
    fileprivate static let space = UInt8(ascii: " ")
}
