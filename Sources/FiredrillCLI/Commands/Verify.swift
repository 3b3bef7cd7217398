import ArgumentParser
import FiredrillCore
import FiredrillRecords
import FiredrillStore

extension Firedrill {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the hash chain of recorded runs.",
            discussion: """
            Recomputes every event's hash from its content and the previous hash, checks the run's \
            own facts (scenario hash, mode, speed, start, roles) against the facts its chain covers, \
            and recomputes the score and every objective's result from the events to compare them \
            with what is stored. A clean run prints its chain head (also shown in its reports); \
            otherwise what differs is named. Exit 1 if any run fails.
            """
        )

        @Argument(help: "Run ids or unique prefixes (default: every run).")
        var runs: [String] = []

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let database = try database.open(.readOnly)
            let ids = runs.isEmpty ? try store { try database.history().map(\.runID).reversed() } : runs
            var failed = 0
            for id in ids {
                let run = try store { try database.run(id: id) }
                switch try store({ try database.verify(runID: run.id) }) {
                case .intact(let head, let events):
                    let differences = Self.resultDifferences(database, runID: run.id)
                    if differences.isEmpty {
                        Console.out("\(run.id): ok, \(events) events, chain head \(head)\n")
                    } else {
                        failed += 1
                        Console.out("\(run.id): FAILED: its stored result does not match its events: \(differences.joined(separator: "; "))\n")
                    }
                case .broken(let sequence, let reason):
                    failed += 1
                    Console.out("\(run.id): FAILED at event \(sequence): \(reason)\n")
                }
            }
            if ids.isEmpty { Console.out("no runs recorded in \(database.location)\n") }
            if failed > 0 {
                Console.error("\(failed) of \(ids.count) run\(ids.count == 1 ? "" : "s") failed verification")
                throw ExitCode(1)
            }
        }
    }
}

extension Firedrill.Verify {
    /// The differences between a run's stored result and the one recomputed from its events
    /// (a run whose report cannot be rebuilt counts as one).
    static func resultDifferences(_ database: any DrillStore, runID: String) -> [String] {
        do {
            let stored = try StoredReport(database, runID: runID, checkingChain: false)
            return try store { try database.resultDifferences(runID: runID, report: stored.report) }
        } catch {
            return ["the report cannot be rebuilt: \(error)"]
        }
    }
}
