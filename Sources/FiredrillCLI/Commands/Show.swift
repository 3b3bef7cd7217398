import ArgumentParser
import FiredrillCore
import FiredrillReporting
import FiredrillStore

extension Firedrill {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a recorded run's report, rebuilt from the stored scenario and events.",
            discussion: "The result equals the report written at the end of the drill (open corrective actions are as of now)."
        )

        @Argument(help: "The run id (or a unique prefix of it).")
        var runID: String

        @Option(help: "Report format: json or md.")
        var format: ReportFormat = .json

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let stored = try StoredReport(try database.open(.readOnly), runID: runID)
            switch format {
            case .json: Console.out(try JSONReportRenderer.render(stored.report))
            case .md: Console.out(MarkdownReportRenderer.render(stored.report))
            }
        }
    }
}
