import ArgumentParser
import FiredrillCore
import FiredrillRecords
import FiredrillReporting
import FiredrillStore

extension Firedrill {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a recorded run's report, rebuilt from the stored scenario and events.",
            discussion: """
            The result equals the report written at the end of the drill (corrective actions and \
            the chain's verification are as of now). --format html writes a self-contained page \
            (inline CSS and SVG charts, no scripts) to print on A4 or file. --format script prints \
            every input of the drill (actions, ad-lib injects, observations, pauses, the end, survey \
            answers) as a replay script: 'firedrill replay' of it prints the same report as \
            'firedrill show --without-record'.
            """
        )

        @Argument(help: "The run id (or a unique prefix of it).")
        var runID: String

        @Option(help: "Report format: json, md, html, or script (the drill's inputs as a replay script).")
        var format: ShowFormat = .json

        @OptionGroup var reportOptions: ReportOptions

        @Flag(help: "Leave out the record section (run id, chain head, improvement plan): the report a replay of the run's script gives.")
        var withoutRecord = false

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let stored = try StoredReport(try database.open(.readOnly), runID: runID)
            let report = withoutRecord ? stored.reportWithoutRecord : stored.report
            if let reportFormat = format.report {
                Console.out(try reportOptions.render(report, as: reportFormat))
            } else {
                Console.out(stored.script)
            }
        }
    }
}

/// What `show` prints.
enum ShowFormat: String, ExpressibleByArgument, CaseIterable {
    case json, md, html, script

    /// The report format it names; `nil` for the script.
    var report: ReportFormat? { ReportFormat(rawValue: rawValue) }
}
