// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "koms",
    products: [
        .executable(name: "koms", targets: ["koms"])
    ],
    targets: [
        .systemLibrary(
            name: "CMicroHTTPD",
            pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        .systemLibrary(
            name: "CPostgres",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(name: "Log", dependencies: ["JSON"]),
        .target(name: "Metrics"),
        .target(name: "JSON"),
        .target(name: "HTTPServer", dependencies: ["CMicroHTTPD"]),
        .target(name: "Sodium", dependencies: ["CSodium"]),
        .target(name: "SessionCore", dependencies: ["Sodium"]),
        .target(name: "SQLiteStore", dependencies: ["CSQLite", "SessionCore"]),
        .target(name: "Postgres", dependencies: ["CPostgres"]),
        .target(name: "PostgresStore", dependencies: ["Postgres", "SessionCore"]),
        .target(name: "KomsAPI", dependencies: ["HTTPServer", "SessionCore", "JSON", "Log", "Metrics"]),
        .plugin(name: "BuildCommit", capability: .buildTool()),
        .executableTarget(
            name: "koms",
            dependencies: [
                "KomsAPI", "SQLiteStore", "Postgres", "PostgresStore", "SessionCore", "Sodium", "HTTPServer", "Log",
            ],
            plugins: ["BuildCommit"]
        ),
        .target(name: "KomsTestSupport", path: "Tests/KomsTestSupport"),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "SodiumTests", dependencies: ["Sodium"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"]),
        .testTarget(name: "LogTests", dependencies: ["Log"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics"]),
        .testTarget(name: "SessionCoreTests", dependencies: ["SessionCore", "SQLiteStore", "Sodium"]),
        .testTarget(name: "SQLiteStoreTests", dependencies: ["SQLiteStore", "SessionCore"]),
        .testTarget(name: "KomsAPITests", dependencies: ["KomsAPI", "HTTPServer"]),
        .testTarget(name: "PostgresStoreTests", dependencies: ["PostgresStore", "Postgres"]),
        .testTarget(
            name: "StoreContractTests",
            dependencies: ["SQLiteStore", "PostgresStore", "SessionCore", "KomsTestSupport"]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "KomsAPI", "SQLiteStore", "SessionCore", "Sodium", "HTTPServer", "Log", "KomsTestSupport",
            ]
        ),
    ]
)
