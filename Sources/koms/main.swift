import Foundation

/// `koms` wires the modules together: it parses the command line and hands over.
let arguments = CommandLine.arguments.dropFirst()
let environment = ProcessInfo.processInfo.environment

let generalUsage = """
    usage: koms serve [options]      serve the Session API (koms serve --help lists the options)
           koms client ...           manage client applications (koms client --help)
           koms version              the release and the commit it was built from
           koms help                 this text
    """

func fail(_ message: String, usage: String) -> Never {
    FileHandle.standardError.write(Data("koms: \(message)\n\(usage)\n".utf8))
    exit(64)
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
    do {
        let parsed = try ParsedOptions(arguments.dropFirst(), specs: ClientCommand.specs, environment: environment)
        if parsed.wantsHelp {
            print(ClientCommand.usageText)
            exit(0)
        }
        exit(try ClientCommand.run(parsed))
    } catch let error as UsageError {
        fail(error.description, usage: ClientCommand.usageText)
    } catch {
        FileHandle.standardError.write(Data("koms: \(error)\n".utf8))
        exit(1)
    }

case "version", "--version":
    print(Version.description)

case "help", "--help", "-h", nil:
    print(generalUsage)

case let command?:
    fail("unknown command \(command)", usage: generalUsage)
}
