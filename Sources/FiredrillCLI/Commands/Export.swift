import ArgumentParser
import FiredrillCore
import FiredrillRecords
import FiredrillReporting
import FiredrillStore
import Foundation

extension Firedrill {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write recorded runs as files a committee can file: JSON, Markdown, HTML and CSV, with chain heads.",
            discussion: """
            For each run: <run>.json, <run>.md and <run>.html (its full report, including the record, \
            the chain head and its verification; the HTML file prints on A4), <run>.script (its inputs \
            as a replay script) and <run>.scenario.yaml (the exact scenario it played). For the set: \
            runs.csv (one line per run with its scenario SHA-256 and chain head), objectives.csv and \
            corrective-actions.csv (--bom for spreadsheet programs). Name runs, or a date range.
            """
        )

        @Argument(help: "Run ids or unique prefixes (default: every run in the date range).")
        var runs: [String] = []

        @OptionGroup var filter: RunFilterOptions

        @Option(help: "Directory to write to (created if needed).")
        var out: String

        @OptionGroup var reportOptions: ReportOptions

        @OptionGroup var csv: CSVOptions

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let database = try database.open(.readOnly)
            let ids: [String] = runs.isEmpty
                ? try store { try database.history(filter: HistoryFilter(scenarioID: filter.scenario, since: filter.since?.start, until: filter.until?.end)).map(\.runID).reversed() }
                : try runs.map { id in try store { try database.run(id: id).id } }
            guard !ids.isEmpty else { throw CLIError("no runs to export") }
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw CLIError("cannot create \(out): \(error.localizedDescription)")
            }
            var runLines = CSVDocument(header: [
                "run_id", "scenario_id", "scenario_title", "scenario_sha256", "mode", "status", "started_at", "ended_at",
                "speed", "score", "objectives_exercised", "objectives_total", "complete", "events", "chain_head", "chain_verified",
            ])
            var objectiveLines = CSVDocument(header: [
                "run_id", "objective_id", "kind", "weight", "status", "target_seconds", "limit_seconds", "elapsed_seconds",
                "credit", "rating", "met_by",
            ])
            var actionLines = CSVDocument(header: CorrectiveActionColumns.header)
            var failures: [String] = []
            for id in ids {
                // One damaged run must not keep the others from being exported.
                do {
                    let stored = try StoredReport(database, runID: id)
                    let verified = stored.report.record?.verification?.intact ?? false
                    let context = reportOptions.context(for: stored.report)
                    try write(try JSONReportRenderer.render(stored.report), to: "\(id).json")
                    try write(MarkdownReportRenderer.render(stored.report, context: context), to: "\(id).md")
                    try write(HTMLReportRenderer.render(stored.report, context: context), to: "\(id).html")
                    try write(stored.script, to: "\(id).script")
                    try write(stored.run.scenarioSource, to: "\(id).scenario.yaml")
                    let run = stored.run
                    runLines.append([
                        run.id, run.scenarioID, run.scenarioTitle, run.scenarioSHA256, run.mode.rawValue,
                        stored.report.record?.status ?? run.status.rawValue, run.startedAt, run.endedAt ?? "",
                        Formats.number(run.speed), Formats.number(run.score), "\(stored.report.coverage.objectivesExercised)",
                        "\(stored.report.coverage.objectivesTotal)", stored.report.coverage.complete ? "true" : "false",
                        "\(run.eventCount)", run.chainHead ?? "",
                        verified ? "yes" : "NO",
                    ])
                    for objective in stored.report.objectives {
                        objectiveLines.append([
                            run.id, objective.id, objective.kind.rawValue, Formats.number(objective.weight), objective.status.rawValue,
                            Formats.number(objective.targetSeconds), Formats.number(objective.limitSeconds),
                            Formats.number(objective.elapsedSeconds), Formats.number(objective.credit),
                            objective.rating?.rawValue ?? "", objective.metBy ?? "",
                        ])
                    }
                    for action in try store({ try database.correctiveActions(runID: id) }) {
                        actionLines.append(CorrectiveActionColumns.fields(action))
                    }
                } catch {
                    failures.append("run \(id): \(error)")
                }
            }
            try write(runLines.text(byteOrderMark: csv.byteOrderMark), to: "runs.csv")
            try write(objectiveLines.text(byteOrderMark: csv.byteOrderMark), to: "objectives.csv")
            try write(actionLines.text(byteOrderMark: csv.byteOrderMark), to: "corrective-actions.csv")
            let exported = ids.count - failures.count
            Console.out("exported \(exported) run\(exported == 1 ? "" : "s") to \(out)\n")
            if !failures.isEmpty {
                for failure in failures { Console.error("error: \(failure)") }
                Console.error("\(failures.count) run\(failures.count == 1 ? "" : "s") could not be exported (see above); the others were")
                throw ExitCode(1)
            }
        }

        private func write(_ text: String, to name: String) throws {
            do {
                try text.write(toFile: out + "/" + name, atomically: true, encoding: .utf8)
            } catch {
                throw CLIError("cannot write \(out)/\(name): \(error.localizedDescription)")
            }
        }
    }
}
