import ArgumentParser
import FiredrillCore
import FiredrillReporting
import Foundation

extension TerminalStyle.Mode: ExpressibleByArgument {}

extension Firedrill {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a live drill in the terminal.",
            discussion: """
            Injects appear as they arrive on the drill clock. Type actions (ack, escalate, do, \
            say, report, resolve), '@role' to act as another played role, and /pause, /resume, \
            /status, /help or /end. End of input ends the drill. At the end the objectives \
            table and score are shown and the JSON and Markdown reports are written.
            """
        )

        @Argument(help: "The scenario file, or a bundled scenario's id (see scenarios/).")
        var scenario: String

        @Option(help: "Time compression: drill seconds per real second (60 = one drill minute per second).")
        var speed: Double = 1

        @Option(name: .customLong("as"), help: "Roles played at this terminal, comma-separated (default: every role without a persona).")
        var roles: String?

        @Option(help: "Directory for the reports (default: reports/<scenario>-<UTC time>).")
        var out: String?

        @Option(help: "Colour: auto, always or never.")
        var color: TerminalStyle.Mode = .auto

        func validate() throws {
            guard speed.isFinite, speed > 0, speed <= 100_000 else {
                throw ValidationError("--speed must be a number greater than 0 and at most 100000, e.g. 60")
            }
        }

        func run() async throws {
            let input = try ScenarioInput(path: scenario)
            let scenario = input.scenario
            let played = try playedRoles(in: scenario)
            let style = TerminalStyle(mode: color)
            let presenter = TerminalPresenter(scenario: scenario, playedRoles: Set(played), style: style)
            let session = DrillSession(scenario: scenario, clock: ContinuousClock(), speed: speed)
            let outDirectory = out ?? Self.defaultOutDirectory(for: scenario)

            Console.out(presenter.banner(speed: speed))
            let drill = TerminalDrill(session: session, presenter: presenter, playedRoles: played, interactive: isatty(STDIN_FILENO) == 1)
            try await drill.run()

            let engine = await session.snapshot
            let report = DrillReport(scenario: scenario, events: engine.events)
            Console.out("\n" + presenter.summary(report) + "\n")
            try ReportFiles.write(report, to: outDirectory)
            Console.out("Reports written to \(outDirectory)/report.json and report.md\n")
        }

        func playedRoles(in scenario: Scenario) throws -> [String] {
            guard let roles else { return scenario.playerRoles.map(\.id) }
            var result: [String] = []
            for id in roles.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !id.isEmpty {
                guard let role = scenario.role(id) else {
                    let hint = Suggestions.hint(for: id, among: scenario.playerRoles.map(\.id))
                    throw ValidationError("--as: unknown role '\(id)'\(hint) (roles: \(scenario.playerRoles.map(\.id).joined(separator: ", ")))")
                }
                guard !role.isSimulated else {
                    throw ValidationError("--as: role '\(id)' is simulated by a persona and cannot be played")
                }
                if !result.contains(id) { result.append(id) }
            }
            guard !result.isEmpty else { throw ValidationError("--as needs at least one role") }
            return result
        }

        static func defaultOutDirectory(for scenario: Scenario) -> String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
            return "reports/\(scenario.id)-\(formatter.string(from: Date()))"
        }
    }
}

/// Writes `report.json` and `report.md` into a directory, creating it if needed.
enum ReportFiles {
    static func write(_ report: DrillReport, to directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try JSONReportRenderer.render(report).write(toFile: directory + "/report.json", atomically: true, encoding: .utf8)
            try MarkdownReportRenderer.render(report).write(toFile: directory + "/report.md", atomically: true, encoding: .utf8)
        } catch {
            throw ValidationError("cannot write the reports to \(directory): \(error.localizedDescription)")
        }
    }
}
