import Foundation
import Testing

@testable import Log

@Suite("Log lines")
struct LogFormatTests {
    @Test("timestamps agree with Foundation's RFC 3339 formatting, leap days and centuries included")
    func timestamps() {
        let reference = ISO8601DateFormatter()
        reference.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        reference.timeZone = TimeZone(identifier: "UTC")
        var generator = SystemRandomNumberGenerator()
        let fixed: [Int64] = [0, 951_782_400_000, 4_107_542_399_999, 1_709_164_800_500, 1_796_342_400_123]
        let random = (0..<2000).map { _ in Int64.random(in: 0...7_258_118_400_000, using: &generator) }
        for milliseconds in fixed + random {
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            var text: [UInt8] = []
            UTCTimestamp.append(date, to: &text)
            #expect(String(decoding: text, as: UTF8.self) == reference.string(from: date), "\(milliseconds)")
        }
    }

    @Test("values with spaces, quotes or control characters are quoted, so no value forges a line")
    func escaping() {
        let record = LogRecord(
            time: Date(timeIntervalSince1970: 0),
            level: .info,
            label: "koms",
            message: "request",
            metadata: [("path", "/a b\n2026 info forged=1"), ("plain", "x"), ("quote", "a\"b\\c"), ("empty", "")]
        )
        #expect(
            record.formatted
                == #"1970-01-01T00:00:00.000Z info koms: request path="/a b\u{a}2026 info forged=1" plain=x quote="a\"b\\c" empty="""#
        )
        #expect(!record.formatted.contains("\n"))
    }

    @Test("any value comes out as the line's length was counted for it, escaped where it must be")
    func escapingOfAnyValue() {
        let pieces = ["a", "é", "😀", "=", " ", "\"", "\\", "\n", "\u{1}", "\u{1b}", "\u{7f}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let value = (0..<Int.random(in: 0...12, using: &generator))
                .map { _ in pieces.randomElement(using: &generator)! }
                .joined()
            let record = LogRecord(
                time: Date(timeIntervalSince1970: 0),
                level: .info,
                label: "koms",
                message: "request",
                metadata: [("value", .text(value)), ("status", .integer(200))]
            )
            #expect(
                record.formatted == "1970-01-01T00:00:00.000Z info koms: request value=\(expected(value)) status=200"
            )
        }
    }

    /// The text format's rule for a value, written the simple way.
    private func expected(_ value: String) -> String {
        let plain =
            !value.isEmpty
            && value.unicodeScalars.allSatisfy { $0.value > 0x20 && !"\"\\\u{7f}".unicodeScalars.contains($0) }
        guard !plain else { return value }
        let escaped = value.unicodeScalars.map { scalar -> String in
            switch scalar.value {
            case 0x22, 0x5C: "\\\(scalar)"
            case ..<0x20, 0x7F: "\\u{\(String(scalar.value, radix: 16))}"
            default: String(scalar)
            }
        }
        return "\"" + escaped.joined() + "\""
    }

    @Test("JSON lines: one object, numbers unquoted, strings escaped")
    func jsonLines() throws {
        let record = LogRecord(
            time: Date(timeIntervalSince1970: 0),
            level: .warning,
            label: "koms",
            message: "request",
            metadata: [("path", "/a\"b\\c\n\u{1}"), ("status", .integer(503)), ("duration_ms", .number("0.153"))]
        )
        var line: [UInt8] = []
        record.appendJSON(to: &line)
        #expect(!line.contains(UInt8(ascii: "\n")))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(object["time"] as? String == "1970-01-01T00:00:00.000Z")
        #expect(object["level"] as? String == "warning")
        #expect(object["logger"] as? String == "koms")
        #expect(object["message"] as? String == "request")
        #expect(object["path"] as? String == "/a\"b\\c\n\u{1}")
        #expect(object["status"] as? Int == 503)
        #expect(object["duration_ms"] as? Double == 0.153)
    }
}
