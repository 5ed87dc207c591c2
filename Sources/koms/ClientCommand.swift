import Foundation
import SessionCore

/// `koms client add|list|disable`, on the same database as a running server.
enum ClientCommand {
    static let specs: [OptionSpec] = [
        ServeOptions.databaseSpec,
        DatabaseLocation.acceptUnverifiedSpec,
        OptionSpec(flag: "--access-ttl", help: "access token lifetime for this client, seconds", defaultValue: nil),
        OptionSpec(flag: "--refresh-ttl", help: "refresh deadline for this client, seconds", defaultValue: nil),
        OptionSpec(
            flag: "--origin",
            help: "a web origin whose pages may call the API (CORS); repeat for more",
            defaultValue: nil
        ),
    ]

    static let usageText = """
        usage: koms client add NAME [--access-ttl SECONDS] [--refresh-ttl SECONDS] [--origin URL]...
               koms client list
               koms client disable ID
        options:
        \(usage(of: specs))
        """

    static func run(_ options: ParsedOptions) throws -> Int32 {
        let opened = try DatabaseLocation(options.string("--database") ?? "./koms.sqlite")
            .open(
                StoreSettings(
                    connections: 1,
                    acceptsUnverifiedPostgres: options.isOn(DatabaseLocation.acceptUnverifiedSpec.flag)
                )
            )
        defer { opened.close() }
        let registry = ClientRegistry(store: opened.store, clock: SystemClock())

        switch (options.positional.first, options.positional.count) {
        case ("add", 2):
            let client = try registry.register(
                name: options.positional[1],
                accessTokenLifetimeSeconds: try options.integer("--access-ttl", in: 1...Int(UInt32.max)),
                refreshTokenLifetimeSeconds: try options.integer("--refresh-ttl", in: 1...(10 * 365 * 86400)),
                allowedOrigins: options.strings("--origin")
            )
            print(client.id)
            return 0
        case ("list", 1):
            print(table(try registry.list()))
            return 0
        case ("disable", 2):
            guard try registry.disable(id: options.positional[1]) else {
                FileHandle.standardError.write(Data("koms: no client with id \(options.positional[1])\n".utf8))
                return 1
            }
            print("disabled \(options.positional[1]) and ended its sessions")
            return 0
        default:
            throw UsageError(description: "expected add NAME, list, or disable ID")
        }
    }

    private static func table(_ clients: [ClientApplication]) -> String {
        let rows =
            [["ID", "NAME", "ENABLED", "ACCESS TTL", "REFRESH TTL", "ORIGINS"]]
            + clients.map { client in
                [
                    client.id, client.name, client.isEnabled ? "yes" : "no",
                    client.accessTokenLifetimeSeconds.map(String.init) ?? "default",
                    client.refreshTokenLifetimeSeconds.map(String.init) ?? "default",
                    client.allowedOrigins.isEmpty ? "-" : client.allowedOrigins.joined(separator: ","),
                ]
            }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        // The last column is not padded, so that no line ends in spaces.
        return rows.map { row in
            (zip(row.dropLast(), widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) } + [
                row.last ?? ""
            ])
            .joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
