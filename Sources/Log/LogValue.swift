/// A metadata value. Numbers stay numbers in JSON lines, so that a log
/// pipeline can sum durations and compare statuses without parsing text.
public enum LogValue: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    case text(String)
    /// Decimal text, such as `200` or `0.153`, written as it is.
    case number(String)

    public init(stringLiteral value: String) {
        self = .text(value)
    }

    public init(stringInterpolation: DefaultStringInterpolation) {
        self = .text(String(stringInterpolation: stringInterpolation))
    }

    public static func integer(_ value: Int) -> LogValue {
        .number(String(value))
    }

    /// The value as text-format lines show it.
    public var text: String {
        switch self {
        case .text(let text), .number(let text): text
        }
    }
}
