import ArgumentParser
import FiredrillCore
import FiredrillRecords
import FiredrillReporting
import FiredrillStore
import FiredrillYAML
import Foundation

extension Firedrill {
    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a drill on a virtual clock from a script of timed actions and print its report.",
            discussion: """
            The script has one action per line: <time> <role> <command ...>, e.g. \
            '05:30 ops escalate cto via phone db is down'. The same scenario and script always \
            give byte-identical output.
            """
        )

        @Argument(help: "The scenario file (or a bundled scenario's id).")
        var scenario: String

        @Argument(help: "The replay script.")
        var script: String

        @Option(help: "Report format: json, md or html (a self-contained page to print or file).")
        var format: ReportFormat = .json

        @OptionGroup var reportOptions: ReportOptions

        @Flag(help: "Record the run in the database (its id is printed on standard error); the report then includes the record.")
        var record = false

        @OptionGroup var database: DatabaseOptions

        /// Larger than any script of `ReplayScript.maximumEntries` lines of ordinary length.
        static let scriptLimit = 16 * 1_048_576

        func run() throws {
            let input = try ScenarioInput(path: scenario, language: reportOptions.language)
            let scenario = input.scenario
            let text = try TextFile.read(script, limit: Self.scriptLimit)
            let parsed: ReplayScript
            switch ReplayScript.parse(text, for: scenario) {
            case .success(let value): parsed = value
            case .failure(let error):
                Console.error(error.formatted(path: script))
                throw ExitCode(2)
            }
            let engine: DrillEngine
            do {
                engine = try parsed.play(scenario)
            } catch {
                Console.error("\(script): \(error)")
                throw ExitCode(2)
            }
            var report = DrillReport(scenario: scenario, events: engine.events, mode: parsed.mode)
            if record {
                let database = try database.open()
                let path = URL(fileURLWithPath: input.loaded.path).standardizedFileURL.path
                let runID = try store {
                    try database.recordFinishedRun(
                        scenario: scenario, source: input.loaded.source ?? "", path: path, interface: .script, speed: nil,
                        // The script's roles, unnamed; departments come from the scenario.
                        participants: scenario.playerRoles.map { .init(role: $0.id, displayName: nil, department: nil) },
                        events: engine.events, report: report
                    )
                }
                report = try StoredReport(database, runID: runID).report
                Console.error(runID)
            }
            Console.out(try reportOptions.render(report, as: format))
        }
    }
}
