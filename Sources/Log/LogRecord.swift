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
        var line = [UInt8]()
        appendText(to: &line)
        return String(decoding: line, as: UTF8.self)
    }

    /// Appends the `formatted` line without its newline. It is built as
    /// bytes because a line is written for every request: going through
    /// String appends and Unicode scalars cost more than the token check.
    public func appendText(to line: inout [UInt8]) {
        // A request line runs to about 210 bytes; growing the array on the
        // way would copy it.
        line.reserveCapacity(line.count + 320)
        UTCTimestamp.append(time, to: &line)
        line.append(.space)
        line.appendUTF8(of: level.description)
        line.append(.space)
        line.appendUTF8(of: label)
        line.append(UInt8(ascii: ":"))
        line.append(.space)
        line.appendUTF8(of: message)
        for (key, value) in metadata {
            line.append(.space)
            line.appendUTF8(of: key)
            line.append(UInt8(ascii: "="))
            switch value {
            case .text(let text): Self.appendQuotedIfNeeded(text, to: &line)
            case .number(let digits): line.appendUTF8(of: digits)
            }
        }
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
            case .number(let digits): line.appendUTF8(of: digits)
            }
        }
        line.append(UInt8(ascii: "}"))
    }

    /// Quotes values with spaces, quotes or control characters, so that
    /// a value cannot forge a second line or another key.
    private static func appendQuotedIfNeeded(_ value: String, to line: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            if !bytes.isEmpty, bytes.allSatisfy(isPlain) {
                line.append(contentsOf: bytes)
                return
            }
            line.append(.quote)
            for byte in bytes {
                switch byte {
                case .quote, .backslash:
                    line.append(.backslash)
                    line.append(byte)
                case ..<0x20, 0x7F:
                    line.append(contentsOf: "\\u{\(String(byte, radix: 16))}".utf8)
                default:
                    line.append(byte)
                }
            }
            line.append(.quote)
        }
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        byte > .space && byte != .quote && byte != .backslash && byte != 0x7F
    }
}

extension [UInt8] {
    /// Appends the text's bytes in one copy; appending its `utf8` view goes
    /// through a generic path that costs more on every line.
    fileprivate mutating func appendUTF8(of text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}

extension UInt8 {
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate static let backslash = UInt8(ascii: "\\")
}
