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
            let export = EvidenceExport(
                language: reportOptions.language, timeZone: reportOptions.timeZone.flatMap(TimeZone.init(identifier:)) ?? .current,
                byteOrderMark: csv.byteOrderMark
            )
            let failures = try export.write(ids, from: database, to: DirectorySink(directory: out))
            let exported = ids.count - failures.count
            Console.out("exported \(exported) run\(exported == 1 ? "" : "s") to \(out)\n")
            if !failures.isEmpty {
                for failure in failures { Console.error("error: \(failure)") }
                Console.error("\(failures.count) run\(failures.count == 1 ? "" : "s") could not be exported (see above); the others were")
                throw ExitCode(1)
            }
        }

    }
}

/// Files of an export in a directory.
struct DirectorySink: EvidenceSink {
    let directory: String

    func add(_ name: String, _ text: String) throws {
        do {
            try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        } catch {
            throw EvidenceExport.SinkError(CLIError("cannot write \(directory)/\(name): \(error.localizedDescription)"))
        }
    }
}
