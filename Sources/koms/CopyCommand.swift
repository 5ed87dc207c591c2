import Foundation
import SessionCore

/// `koms copy --from SOURCE --to TARGET [--merge]`: users, clients and live
/// sessions from one store to another, such as from SQLite to PostgreSQL,
/// without logging anyone out.
enum CopyCommand {
    static let specs: [OptionSpec] = [
        OptionSpec(
            flag: "--from",
            help: "the store to copy from: a SQLite file or a postgres:// URL",
            defaultValue: nil
        ),
        OptionSpec(flag: "--to", help: "the store to copy into: a SQLite file or a postgres:// URL", defaultValue: nil),
        OptionSpec(
            flag: "--merge",
            help: "copy into a store that holds users already, skipping what it has",
            defaultValue: nil,
            isSwitch: true
        ),
        DatabaseLocation.acceptUnverifiedSpec,
    ]

    static let usageText = """
        usage: koms copy --from SOURCE --to TARGET [--merge]
        options:
        \(usage(of: specs))
        """

    static func run(_ options: ParsedOptions) throws -> Int32 {
        guard options.positional.isEmpty else {
            throw UsageError(description: "unexpected argument \(options.positional[0])")
        }
        guard let from = options.string("--from"), let to = options.string("--to") else {
            throw UsageError(description: "--from and --to are both required")
        }
        let settings = StoreSettings(
            connections: 1,
            acceptsUnverifiedPostgres: options.isOn(DatabaseLocation.acceptUnverifiedSpec.flag)
        )
        let source = try DatabaseLocation(from).open(settings)
        defer { source.close() }
        let target = try DatabaseLocation(to).open(settings)
        defer { target.close() }

        let terminal = isatty(STDERR_FILENO) == 1
        let copy = StoreCopy(from: source.store, to: target.store)
        do {
            let done = try copy.run(merge: options.isOn("--merge"), now: SystemClock().now()) { progress in
                if terminal {
                    FileHandle.standardError.write(Data("\r\u{1B}[K\(summary(progress))".utf8))
                }
            }
            if terminal {
                FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            }
            print(summary(done))
            return 0
        } catch {
            if terminal {
                FileHandle.standardError.write(Data("\n".utf8))
            }
            FileHandle.standardError.write(Data("koms: copy failed: \(error)\n".utf8))
            return 1
        }
    }

    private static func summary(_ progress: StoreCopy.Progress) -> String {
        "copied \(progress.clientsCopied) of \(progress.clientsRead) clients, "
            + "\(progress.usersCopied) of \(progress.usersRead) users, "
            + "\(progress.sessionsCopied) of \(progress.sessionsRead) live sessions"
    }
}
