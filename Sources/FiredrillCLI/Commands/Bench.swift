import ArgumentParser
import Foundation
import FiredrillBenchmarks
import FiredrillStore

extension Firedrill {
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure firedrill and print the figures (build in release mode).",
            subcommands: [Local.self, Live.self, MSEL.self, NearMisses.self, Exports.self],
            defaultSubcommand: Local.self
        )
    }
}

extension Firedrill.Bench {
    struct Live: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a firedrill server with many players and measure delivery, throughput and memory.",
            discussion: """
            Starts 'firedrill serve' as a child process on a scratch database and loads it from \
            this process: event streams of --players players receiving injects due every \
            second (lateness against the schedule, time until the last player has it), all of \
            them answering the last inject at once, then --clients clients sending actions for \
            --seconds at each durability (actions acknowledged per second, errors, and \
            acknowledged actions missing from the record). With --nodes N and --db, N servers \
            share the PostgreSQL database behind nginx (started by the benchmark), the server \
            running a drill is killed while clients act (time until its successor's first event, \
            actions lost or doubled), and one server on SQLite is measured after them for \
            comparison. Build in release mode: swift run -c release firedrill bench live
            """
        )

        @Option(parsing: .upToNextOption, help: "Numbers of players on event streams.")
        var players: [Int] = [100, 1_000]

        @Option(help: "Played roles the players are spread over.")
        var roles: Int = 50

        @Option(help: "Concurrent clients sending actions.")
        var clients: Int = 1_000

        @Option(help: "How long the clients send actions, per durability.")
        var seconds: Double = 5

        @Option(parsing: .upToNextOption, help: "Durabilities to measure throughput at (normal, full).")
        var durability: [Durability] = [.normal, .full]

        @Option(name: .customLong("db"), help: "Record into this PostgreSQL database (postgres://USER@HOST/DATABASE; $PGPASSWORD) instead of a scratch SQLite file.")
        var database: String?

        @Option(help: "Servers sharing the --db PostgreSQL database, behind nginx; the server running a drill is also killed to time the failover.")
        var nodes: Int = 1

        @Option(help: "With --nodes: each server's --lease-seconds.")
        var leaseSeconds: Int = 6

        @Option(help: "With --nodes: nginx's program (default: /usr/sbin/nginx).")
        var nginx: String?

        @Flag(inversion: .prefixedNo, help: "With --nodes: also measure one server on SQLite under the same load, for comparison.")
        var sqlite = true

        func validate() throws {
            guard (1...9).contains(nodes) else { throw ValidationError("--nodes must be from 1 to 9") }
            if nodes > 1, database == nil { throw ValidationError("--nodes needs --db postgres://…: several servers share one PostgreSQL database") }
            guard (2...120).contains(leaseSeconds) else { throw ValidationError("--lease-seconds must be from 2 to 120, as for serve") }
            guard players.allSatisfy({ (1...5_000).contains($0) }), (1...5_000).contains(clients) else {
                throw ValidationError("--players and --clients must be from 1 to 5000")
            }
            guard (1...500).contains(roles) else { throw ValidationError("--roles must be from 1 to 500") }
            guard seconds > 0, seconds <= 600 else { throw ValidationError("--seconds must be more than 0 and at most 600") }
            if let database, !database.lowercased().hasPrefix("postgres") {
                throw ValidationError("--db names a PostgreSQL database (postgres://USER@HOST/DATABASE); without it the benchmark uses a scratch SQLite file")
            }
        }

        func run() async throws {
            #if DEBUG
            Console.out("note: this is a debug build; use 'swift run -c release firedrill bench live' for real figures\n")
            #endif
            try await LiveBenchmark(
                players: players, roles: roles, clients: clients, seconds: seconds, durabilities: durability, database: database,
                nodes: nodes, leaseSeconds: leaseSeconds, nginx: nginx, compareWithSQLite: sqlite
            ).run()
        }
    }

    struct Local: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure validation and replay on synthetic drills, and the store, and print the figures.",
            discussion: """
            Generates a scenario of 2,000 injects (with if guards and when chains) and 200 \
            objectives and a 20,000-line script, at 0.1×, 1× and 10× that size, and times \
            validation (YAML parsing included) and replay (script parsing, the engine, the \
            report and its JSON). Build in release mode for meaningful figures: \
            swift run -c release firedrill bench
            """
        )

        @Option(parsing: .upToNextOption, help: "Size factors to measure.")
        var scales: [Double] = [0.1, 1, 10]

        @Option(help: "Repetitions per size; the best time is reported.")
        var repeats: Int = 3

        @Flag(inversion: .prefixedNo, help: "Measure the drill engine.")
        var drill = true

        @Flag(inversion: .prefixedNo, help: "Measure the store: durable appends (one and several writers), history and trends.")
        var store = true

        @Option(help: "Also write each synthetic scenario and script to this directory (synthetic-<scale>.yaml and .script), to time whole commands.")
        var write: String?

        @Option(help: "Store: events appended per writer.")
        var events: Int = 5_000

        @Option(help: "Store: concurrent writers in the multi-writer run.")
        var writers: Int = 4

        @Option(help: "Store: recorded runs for history and trends.")
        var historyRuns: Int = 10_000

        func validate() throws {
            guard repeats >= 1, repeats <= 100 else { throw ValidationError("--repeats must be between 1 and 100") }
            guard scales.allSatisfy({ $0 > 0 && $0 <= 50 }) else { throw ValidationError("--scales must be between 0 and 50") }
            guard events >= 10, writers >= 1, writers <= 64, historyRuns >= 20 else {
                throw ValidationError("--events must be at least 10, --writers 1 to 64, --history-runs at least 20")
            }
        }

        func run() throws {
            #if DEBUG
            Console.out("note: this is a debug build; use 'swift run -c release firedrill bench' for real figures\n")
            #endif
            if drill { try DrillBenchmark(scales: scales, repeats: repeats, writeTo: write).run() }
            if store { try StoreBenchmark(events: events, writers: writers, historyRuns: historyRuns, eventsPerRun: 200).run() }
        }
    }

    struct MSEL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "msel",
            abstract: "Measure msel import on a synthetic 5,000-inject workbook and Shift_JIS CSV file.",
            discussion: """
            Generates a Japanese MSEL (5,000 injects, when chains and if guards, 200 objectives), \
            writes it with msel export as a workbook and as CSV in Shift_JIS (as Japanese Excel \
            saves it), and times importing each in this process. With --write, saves both files, \
            to time whole processes: /usr/bin/time -v firedrill msel import DIR/msel-5000.xlsx. \
            Build in release mode: swift build -c release
            """
        )

        @Option(help: "Injects in the synthetic MSEL.")
        var injects: Int = 5_000

        @Option(help: "Repetitions; the best time is reported.")
        var repeats: Int = 3

        @Option(help: "Also write msel-<injects>.xlsx and msel-<injects>-sjis.csv to this directory.")
        var write: String?

        func validate() throws {
            guard (1...5_000).contains(injects) else { throw ValidationError("--injects must be from 1 to 5000 (the scenario format's limit)") }
            guard (1...100).contains(repeats) else { throw ValidationError("--repeats must be between 1 and 100") }
        }

        func run() throws {
            #if DEBUG
            Console.out("note: this is a debug build; use 'swift build -c release' for real figures\n")
            #endif
            try MSELBenchmark(injects: injects, repeats: repeats, writeTo: write).run()
        }
    }

    struct NearMisses: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "near-misses",
            abstract: "Measure the near-miss register, backlog and digest over 100,000 entries.",
            discussion: """
            Fills a scratch SQLite file with synthetic near misses (Japanese texts, one to three \
            tags each of 200, impacts 1–5, over two years) and times what the server does for \
            GET /api/v1/near-misses (first page), …/backlog and …/digest: reading the entries, \
            ranking them and encoding the JSON. Build in release mode: swift build -c release
            """
        )

        @Option(help: "Entries in the register.")
        var entries: Int = 100_000

        @Option(help: "Repetitions; the best time is reported.")
        var repeats: Int = 3

        func validate() throws {
            guard (1...1_000_000).contains(entries) else { throw ValidationError("--entries must be from 1 to 1000000") }
            guard (1...100).contains(repeats) else { throw ValidationError("--repeats must be between 1 and 100") }
        }

        func run() throws {
            #if DEBUG
            Console.out("note: this is a debug build; use 'swift build -c release' for real figures\n")
            #endif
            try NearMissBenchmark(entries: entries, repeats: repeats).run()
        }
    }

    struct Exports: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "exports",
            abstract: "Measure the evidence archive of 1,000 recorded runs: time, size and peak memory.",
            discussion: """
            Records the bundled Japanese newsletter drill's replay 1,000 times in a scratch SQLite \
            file, then writes the ZIP that GET /api/v1/exports streams (every report in JSON, \
            Markdown and HTML, scripts, scenarios, CSV files) in a separate process, and prints \
            its time, the archive's size and that process's peak memory. Build in release mode.
            """
        )

        @Option(help: "Recorded runs to export.")
        var runs: Int = 1_000

        @Option(help: .hidden)
        var exportOnly: String?

        func validate() throws {
            guard (1...20_000).contains(runs) else { throw ValidationError("--runs must be from 1 to 20000") }
        }

        func run() throws {
            if let exportOnly { return try ExportBenchmark.exportOnly(database: exportOnly) }
            #if DEBUG
            Console.out("note: this is a debug build; use 'swift build -c release' for real figures\n")
            #endif
            let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
            try ExportBenchmark(runs: runs).run { path in [executable, "bench", "exports", "--export-only", path] }
        }
    }
}
