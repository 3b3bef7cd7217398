import ArgumentParser
import FiredrillCore
import FiredrillStore
import Foundation

extension Firedrill {
    struct Store: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Work on a whole store: copy every record into another database.",
            subcommands: [Copy.self]
        )
    }
}

extension Firedrill.Store {
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy every record from one store to another (SQLite to PostgreSQL and back), verifying every run.",
            discussion: """
            Copies the runs (with their events, participants and results), the drills' and the \
            server's tokens (a copied token still signs in), the scenario library's versions, the \
            improvement plan and the near-miss register, with their ids. The source is only read; \
            the target is created (SQLite) or brought up to date (PostgreSQL) when needed.

            Each run is checked in the source as 'firedrill verify' checks it, copied in one \
            transaction, and verified again in the target; a run whose chain does not verify is \
            named and not copied. A run the target holds already with the same chain head is \
            skipped; with another head it is named and left as it is. Other records are skipped \
            when the target holds the same, and named when it holds something else under their \
            id: nothing in the target is ever overwritten.

            Progress goes to standard error every few seconds; the counts of each kind (copied, \
            already there, not copied) to standard output at the end. Ctrl-C stops after the run \
            being copied (twice: at once); the same command run again continues where it \
            stopped. Exit 1 when some record was not copied, 130 when interrupted.
            """
        )

        @Option(help: ArgumentHelp("The store to copy from, as --db: an SQLite file or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE.", valueName: "source"))
        var from: String

        @Option(help: ArgumentHelp("The store to copy into, as --db: an SQLite file (created when missing) or a PostgreSQL database.", valueName: "target"))
        var to: String

        @Option(help: "For an SQLite target: normal, or full (an fsync per transaction).")
        var durability: Durability = .normal

        /// How often progress is told.
        static let progressInterval: Duration = .seconds(2)

        func run() throws {
            let sourceAddress = try Self.address(from)
            if Self.sameStore(sourceAddress, try Self.address(to)) {
                throw CLIError(StoreCopy.intoItself(Self.shown(sourceAddress)).message)
            }
            let source = try Self.copying(try DatabaseOptions.parse(["--db=\(from)"]).open(.readOnly))
            defer { try? source.close() }
            let target = try Self.copying(try DatabaseOptions.parse(["--db=\(to)", "--durability=\(durability.rawValue)"]).open(.readWrite))
            defer { try? target.close() }
            let copy = try store { try StoreCopy(from: source, to: target) }

            Console.error("copying every record from \(source.location) to \(target.location)")
            let stop = StopSignals(notice: "stopping after the run being copied (Ctrl-C again to stop at once) …")
            defer { stop.cancel() }
            var lastTold = ContinuousClock.now
            let summary: StoreCopy.Summary
            do {
                summary = try copy.run(
                    progress: { progress in
                        guard ContinuousClock.now - lastTold >= Self.progressInterval else { return }
                        lastTold = .now
                        Console.error(Self.progressLine(progress))
                    },
                    problem: { Console.error("not copied: \($0)") },
                    shouldStop: { stop.requested }
                )
            } catch {
                Console.out(Self.summaryTable(error.summary, source: source.location, target: target.location))
                let message = error.error.message
                throw CLIError("\(message)\(message.hasSuffix(".") ? "" : ".") What was copied stays in \(target.location): run the same command again to continue.")
            }
            Console.out(Self.summaryTable(summary, source: source.location, target: target.location))
            if summary.interrupted {
                let when = summary.runsDone < summary.runsTotal
                    ? "after \(Self.grouped(summary.runsDone)) of \(Self.grouped(summary.runsTotal)) runs"
                    : "after the runs, while copying the other records"
                Console.error("interrupted \(when): what was copied stays in \(target.location); run the same command again to continue.")
                throw ExitCode(130)
            }
            if summary.hasProblems {
                let count = summary.problems.count
                Console.error("\(Self.grouped(count)) record\(count == 1 ? " was" : "s were") not copied (named above); the others are in \(target.location).")
                throw ExitCode(1)
            }
        }

        // MARK: Stores

        static func address(_ text: String) throws -> StoreAddress {
            do { return try StoreAddress.parse(text) } catch { throw CLIError(error.description) }
        }

        static func copying(_ store: any DrillStore) throws -> any StoreCopying {
            guard let copying = store as? any StoreCopying else { throw CLIError("\(store.location) cannot be copied (its store does not list its records)") }
            return copying
        }

        /// Whether two addresses name the same store: the same file (by its resolved path, or
        /// the same inode), or the same database of the same server (whoever signs in).
        static func sameStore(_ a: StoreAddress, _ b: StoreAddress) -> Bool {
            switch (a, b) {
            case (.sqlite(let one), .sqlite(let other)):
                let first = resolved(one), second = resolved(other)
                if first == second { return true }
                func identity(_ path: String) -> [String]? {
                    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                          let device = attributes[.systemNumber], let inode = attributes[.systemFileNumber] else { return nil }
                    return ["\(device)", "\(inode)"]
                }
                guard let one = identity(first), let other = identity(second) else { return false }
                return one == other
            case (.postgres(let one), .postgres(let other)):
                return one.host.lowercased() == other.host.lowercased() && one.port == other.port && one.database == other.database
            default:
                return false
            }
        }

        /// The address as messages show it: without the password.
        static func shown(_ address: StoreAddress) -> String {
            switch address {
            case .sqlite(let path): path
            case .postgres(let server): server.description
            }
        }

        private static func resolved(_ path: String) -> String {
            URL(fileURLWithPath: NSString(string: path).expandingTildeInPath).standardizedFileURL.resolvingSymlinksInPath().path
        }

        // MARK: What is told

        /// `runs: 120 of 5,000 (118 copied, 2 already there, 0 not copied; 34,567 events copied) …`
        static func progressLine(_ progress: StoreCopy.Progress) -> String {
            let summary = progress.summary
            let runs = summary.runs
            let line = """
                runs: \(grouped(summary.runsDone)) of \(grouped(summary.runsTotal)) (\(grouped(runs.copied)) copied, \
                \(grouped(runs.skipped)) already there, \(grouped(runs.failed)) not copied; \(grouped(summary.events.copied)) events copied)
                """
            guard case .records(let kind) = progress.phase else { return line + " …" }
            let counts = summary.records[kind] ?? StoreCopy.Counts()
            return line + "; \(kind.plural): \(grouped(counts.copied + counts.skipped + counts.failed)) done …"
        }

        /// Each kind's counts, as a table.
        static func summaryTable(_ summary: StoreCopy.Summary, source: String, target: String) -> String {
            var rows = [["", "copied", "already there", "not copied"]]
            func add(_ name: String, _ counts: StoreCopy.Counts) {
                rows.append([name, grouped(counts.copied), grouped(counts.skipped), grouped(counts.failed)])
            }
            add("runs", summary.runs)
            add("  their events", summary.events)
            for kind in CopiedRecord.Kind.allCases { add(kind.plural, summary.records[kind] ?? StoreCopy.Counts()) }
            let lines = DisplayWidth.table(rows, rightAligned: [1, 2, 3]).joined(separator: "\n")
            return "from \(source)\nto   \(target)\n\(lines)\n"
        }

        /// `5,000`: digits in groups of three, whatever the locale (as the rest of the output).
        static func grouped(_ number: Int) -> String {
            let digits = String(number.magnitude)
            var result = ""
            for (index, digit) in digits.enumerated() {
                if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
                result.append(digit)
            }
            return (number < 0 ? "-" : "") + result
        }
    }
}
