import Foundation

/// `koms` wires the modules together: it parses the command line and hands over.
let arguments = CommandLine.arguments.dropFirst()
let environment = ProcessInfo.processInfo.environment

let generalUsage = """
    usage: koms serve [options]      serve the Session API (koms serve --help lists the options)
           koms client ...           manage client applications (koms client --help)
           koms backup FILE          copy the database to FILE while the server runs
           koms copy --from A --to B copy users, clients and live sessions between stores
           koms version              the release and the commit it was built from
           koms help                 this text
    """

func fail(_ message: String, usage: String) -> Never {
    FileHandle.standardError.write(Data("koms: \(message)\n\(usage)\n".utf8))
    exit(64)
}

/// Runs a command that works on the database and ends: a usage mistake
/// exits 64 with the usage, any other failure 1 with its reason.
func runTool(specs: [OptionSpec], usage: String, run: (ParsedOptions) throws -> Int32) -> Never {
    do {
        let parsed = try ParsedOptions(arguments.dropFirst(), specs: specs, environment: environment)
        if parsed.wantsHelp {
            print(usage)
            exit(0)
        }
        exit(try run(parsed))
    } catch let error as UsageError {
        fail(error.description, usage: usage)
    } catch {
        FileHandle.standardError.write(Data("koms: \(error)\n".utf8))
        exit(1)
    }
}

switch arguments.first {
case "serve":
    let serveUsage = "usage: koms serve [options]\noptions:\n\(usage(of: ServeOptions.specs))"
    do {
        let parsed = try ParsedOptions(arguments.dropFirst(), specs: ServeOptions.specs, environment: environment)
        if parsed.wantsHelp {
            print(serveUsage)
            exit(0)
        }
        guard parsed.positional.isEmpty else { fail("unexpected argument \(parsed.positional[0])", usage: serveUsage) }
        ServeCommand.run(try ServeOptions(parsed))
    } catch {
        fail(error.description, usage: serveUsage)
    }

case "client":
    runTool(specs: ClientCommand.specs, usage: ClientCommand.usageText, run: ClientCommand.run)

case "backup":
    runTool(specs: BackupCommand.specs, usage: BackupCommand.usageText, run: BackupCommand.run)

case "copy":
    runTool(specs: CopyCommand.specs, usage: CopyCommand.usageText, run: CopyCommand.run)

case "version", "--version":
    print(Version.description)

case "help", "--help", "-h", nil:
    print(generalUsage)

case let command?:
    fail("unknown command \(command)", usage: generalUsage)
}
