// swift-tools-version: 6.1
import PackageDescription

/// Strict settings shared by every target of this package.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "firedrill",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "firedrill", targets: ["firedrill"]),
        .library(name: "FiredrillCore", targets: ["FiredrillCore"]),
        .library(name: "FiredrillYAML", targets: ["FiredrillYAML"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", exact: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", exact: "1.35.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/drmohundro/SWXMLHash", exact: "8.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
    ],
    targets: [
        // The functional core: scenario model, validation, conditions, the drill engine
        // (generic over `Clock`), scoring and the report model. No I/O.
        .target(
            name: "FiredrillCore",
            dependencies: [
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        // The JSON documents of the live API, shared by the server and every client (`join`,
        // the live benchmark, the tests): one wire model.
        .target(
            name: "FiredrillWire",
            dependencies: ["FiredrillCore"],
            swiftSettings: strictSettings
        ),
        // The drill's vocabulary in English and Japanese (JSON files as resources): one
        // catalog for reports, the terminal and the pages.
        .target(
            name: "FiredrillVocabulary",
            dependencies: ["FiredrillCore", "FiredrillScenarios"],
            resources: [.copy("Catalog")],
            swiftSettings: strictSettings
        ),
        // Reading scenario files (YAML or JSON) with positions, within limits.
        .target(
            name: "FiredrillYAML",
            dependencies: ["FiredrillCore", "Yams"],
            swiftSettings: strictSettings
        ),
        // MSEL spreadsheets (XLSX, CSV) to scenarios and back: reading and writing the files,
        // matching their headers and cells, and mapping every problem back to its cell.
        .target(
            name: "FiredrillSpreadsheets",
            dependencies: [
                "FiredrillCore", "FiredrillYAML", "Yams",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "SWXMLHash", package: "SWXMLHash"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // Rendering reports and listings: JSON, Markdown, CSV.
        .target(
            name: "FiredrillReporting",
            dependencies: ["FiredrillCore", "FiredrillVocabulary", .product(name: "CSV", package: "CSV.swift")],
            swiftSettings: strictSettings
        ),
        // The scenario library shipped with the binary (YAML files as resources).
        .target(
            name: "FiredrillScenarios",
            resources: [.copy("Scenarios")],
            swiftSettings: strictSettings
        ),
        // Where records are kept, as an interface: runs, hash-chained events, tokens, the
        // improvement plan (the `DrillStore` protocol and its value types). No database here.
        .target(
            name: "FiredrillStore",
            dependencies: [
                "FiredrillCore",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // The embedded SQLite store (GRDB): the default `DrillStore`, one file.
        .target(
            name: "FiredrillSQLite",
            dependencies: [
                "FiredrillCore", "FiredrillStore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // The PostgreSQL store (postgres-nio): the same records, migrations and hash chain as
        // SQLite, for a managed database and several servers.
        .target(
            name: "FiredrillPostgres",
            dependencies: [
                "FiredrillCore", "FiredrillStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Recorded runs read back: their report and script rebuilt from the stored scenario and
        // events, and whether a live process is playing them.
        .target(
            name: "FiredrillRecords",
            dependencies: [
                "FiredrillCore", "FiredrillYAML", "FiredrillStore", "FiredrillScenarios", "FiredrillReporting",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strictSettings
        ),
        // The live drill server (`firedrill serve`): HTTP API, event streams, web pages.
        .target(
            name: "FiredrillServer",
            dependencies: [
                "FiredrillCore", "FiredrillWire", "FiredrillVocabulary", "FiredrillYAML", "FiredrillReporting", "FiredrillStore", "FiredrillScenarios",
                "FiredrillRecords", "FiredrillSpreadsheets",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                // Several servers on one database pass a drill's inputs to the server running it.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.copy("Public"), .copy("OpenAPI")],
            swiftSettings: strictSettings
        ),
        // A client of the live API (`firedrill join`, the live benchmark): requests and the
        // event stream, in the wire model's documents.
        .target(
            name: "FiredrillClient",
            dependencies: [
                "FiredrillCore", "FiredrillWire",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // `firedrill bench`: synthetic drills, the store, a live server under load and MSEL
        // spreadsheets, measured.
        .target(
            name: "FiredrillBenchmarks",
            dependencies: [
                "FiredrillCore", "FiredrillWire", "FiredrillClient", "FiredrillYAML", "FiredrillReporting", "FiredrillStore", "FiredrillSQLite", "FiredrillPostgres", "FiredrillServer",
                "FiredrillSpreadsheets", "FiredrillRecords",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // The commands of the `firedrill` tool.
        .target(
            name: "FiredrillCLI",
            dependencies: [
                "FiredrillCore",
                "FiredrillWire",
                "FiredrillVocabulary",
                "FiredrillYAML",
                "FiredrillReporting",
                "FiredrillStore",
                "FiredrillSQLite",
                "FiredrillPostgres",
                "FiredrillScenarios",
                "FiredrillRecords",
                "FiredrillServer",
                "FiredrillClient",
                "FiredrillBenchmarks",
                "FiredrillSpreadsheets",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "firedrill",
            dependencies: ["FiredrillCLI"],
            swiftSettings: strictSettings
        ),

        // Helpers the test targets share: child processes of the built executable.
        .target(name: "FiredrillTestSupport", path: "Tests/FiredrillTestSupport", swiftSettings: strictSettings),
        .testTarget(name: "FiredrillCoreTests", dependencies: ["FiredrillCore"], swiftSettings: strictSettings),
        .testTarget(name: "FiredrillWireTests", dependencies: ["FiredrillWire", "FiredrillCore"], swiftSettings: strictSettings),
        .testTarget(name: "FiredrillVocabularyTests", dependencies: ["FiredrillVocabulary", "FiredrillCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "FiredrillYAMLTests",
            dependencies: ["FiredrillYAML", "FiredrillCore", "Yams"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FiredrillSpreadsheetsTests",
            dependencies: [
                "FiredrillSpreadsheets", "FiredrillCore", "FiredrillYAML", "FiredrillScenarios",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FiredrillReportingTests",
            dependencies: ["FiredrillReporting", "FiredrillCore", "FiredrillTestSupport", .product(name: "CSV", package: "CSV.swift")],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "FiredrillStoreTests", dependencies: ["FiredrillStore", "FiredrillCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "FiredrillSQLiteTests",
            dependencies: ["FiredrillSQLite", "FiredrillStore", "FiredrillCore", "FiredrillTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FiredrillPostgresTests",
            dependencies: ["FiredrillPostgres", "FiredrillSQLite", "FiredrillStore", "FiredrillCore", "FiredrillTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FiredrillServerTests",
            dependencies: [
                "FiredrillServer", "FiredrillWire", "FiredrillCore", "FiredrillStore", "FiredrillSQLite", "FiredrillPostgres", "FiredrillReporting", "FiredrillRecords", "FiredrillYAML", "FiredrillTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FiredrillBenchmarksTests",
            dependencies: ["FiredrillBenchmarks", "FiredrillCore", "FiredrillYAML", "FiredrillStore"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "FiredrillClientTests", dependencies: ["FiredrillClient", "FiredrillCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "FiredrillRecordsTests",
            dependencies: ["FiredrillRecords", "FiredrillSQLite", "FiredrillStore", "FiredrillYAML", "FiredrillReporting", "FiredrillCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FiredrillScenariosTests",
            dependencies: ["FiredrillScenarios", "FiredrillYAML", "FiredrillCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FiredrillCLITests",
            dependencies: [
                "FiredrillCLI", "FiredrillCore", "FiredrillYAML", "FiredrillReporting", "FiredrillStore", "FiredrillSQLite", "FiredrillTestSupport",
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
