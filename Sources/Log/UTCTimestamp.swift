import Foundation

/// RFC 3339 time in UTC with milliseconds, built by hand: a formatter, or
/// even `gmtime_r` with its time-zone lookups, costs more per log line than
/// the token check the line describes.
enum UTCTimestamp {
    /// The length of every stamp.
    static let length = 24

    /// Appends the 24 bytes of `2026-12-04T05:06:07.089Z`.
    static func append(_ date: Date, to text: inout [UInt8]) {
        withStamp(of: date) { text.append(contentsOf: $0) }
    }

    static func write(_ date: Date, to line: inout ByteCursor) {
        withStamp(of: date) { line.write($0) }
    }

    /// Writes the stamp's digits from the right, each a division by the
    /// constant 10, into memory on the stack.
    private static func withStamp(of date: Date, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (days, millisecondOfDay) = divideFloor(milliseconds, 86_400_000)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let secondOfDay = Int(millisecondOfDay / 1000)

        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { stamp in
            var end = 0
            func put(_ value: Int, width: Int, then separator: Unicode.Scalar) {
                var rest = value
                for index in stride(from: end + width - 1, through: end, by: -1) {
                    stamp[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                stamp[end + width] = UInt8(ascii: separator)
                end += width + 1
            }
            put(year, width: 4, then: "-")
            put(month, width: 2, then: "-")
            put(day, width: 2, then: "T")
            put(secondOfDay / 3600, width: 2, then: ":")
            put(secondOfDay / 60 % 60, width: 2, then: ":")
            put(secondOfDay % 60, width: 2, then: ".")
            put(Int(millisecondOfDay % 1000), width: 3, then: "Z")
            body(UnsafeBufferPointer(stamp))
        }
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01, after
    /// Howard Hinnant's `civil_from_days` (http://howardhinnant.github.io/date_algorithms.html).
    static func civilDate(daysSinceEpoch: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = daysSinceEpoch + 719_468
        let (era, dayOfEra) = divideFloor(shifted, 146_097)
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    private static func divideFloor(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
        return (quotient, value - quotient * divisor)
    }
}
