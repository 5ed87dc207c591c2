import Foundation

/// One setting of a command: a `--flag VALUE` that may also come from an
/// environment variable, the flag winning.
struct OptionSpec {
    let flag: String
    let help: String
    let defaultValue: String?
    /// A switch takes no value: given, it reads as "true".
    var isSwitch = false

    /// `--access-ttl` reads `KOMS_ACCESS_TTL`.
    var environmentName: String {
        "KOMS_" + flag.dropFirst(2).uppercased().replacingOccurrences(of: "-", with: "_")
    }
}

/// A command-line mistake, printed with the command's usage.
struct UsageError: Error, CustomStringConvertible {
    let description: String
}

/// The settings of a command after flags, environment and defaults.
struct ParsedOptions {
    private(set) var values: [String: String] = [:]
    /// Every value of each flag given on the command line, in order, for
    /// the flags that may be repeated.
    private(set) var repeatedValues: [String: [String]] = [:]
    private(set) var positional: [String] = []
    private(set) var wantsHelp = false

    init(_ arguments: ArraySlice<String>, specs: [OptionSpec], environment: [String: String]) throws(UsageError) {
        for spec in specs {
            if let value = environment[spec.environmentName] ?? spec.defaultValue {
                values[spec.flag] = value
            }
        }

        var remaining = arguments
        while let argument = remaining.popFirst() {
            if argument == "--help" || argument == "-h" {
                wantsHelp = true
                continue
            }
            guard argument.hasPrefix("--") else {
                positional.append(argument)
                continue
            }
            let (flag, inlineValue) = Self.split(argument)
            guard let spec = specs.first(where: { $0.flag == flag }) else {
                throw UsageError(description: "unknown option \(flag)")
            }
            if spec.isSwitch {
                values[flag] = inlineValue ?? "true"
                continue
            }
            guard let value = inlineValue ?? remaining.popFirst() else {
                throw UsageError(description: "option \(flag) needs a value")
            }
            values[flag] = value
            repeatedValues[flag, default: []].append(value)
        }
    }

    /// Every value of a flag that may be repeated: those of the command
    /// line, or else the environment's, separated by commas.
    func strings(_ flag: String) -> [String] {
        repeatedValues[flag] ?? values[flag].map { $0.split(separator: ",").map(String.init) } ?? []
    }

    func string(_ flag: String) -> String? {
        values[flag]
    }

    /// A switch: on when given, or set to "true" or "1" in the environment.
    func isOn(_ flag: String) -> Bool {
        ["true", "1"].contains(values[flag])
    }

    /// An integer setting within bounds, or a usage error naming the flag.
    func integer(_ flag: String, in range: ClosedRange<Int> = 0...Int.max) throws(UsageError) -> Int? {
        guard let text = values[flag] else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(
                description: "\(flag) must be a whole number from \(range.lowerBound) to \(range.upperBound)"
            )
        }
        return number
    }

    func requiredInteger(_ flag: String, in range: ClosedRange<Int> = 0...Int.max) throws(UsageError) -> Int {
        guard let number = try integer(flag, in: range) else { throw UsageError(description: "\(flag) is required") }
        return number
    }

    private static func split(_ argument: String) -> (String, String?) {
        guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}

/// The option list of a command's --help.
func usage(of specs: [OptionSpec]) -> String {
    let width = (specs.map(\.flag.count).max() ?? 0) + 2
    return specs.map { spec in
        let fallback = spec.defaultValue.map { " (default: \($0))" } ?? ""
        return "  \(spec.flag.padding(toLength: width, withPad: " ", startingAt: 0))\(spec.help)\(fallback)\n"
            + "  \(String(repeating: " ", count: width))env \(spec.environmentName)"
    }.joined(separator: "\n")
}
