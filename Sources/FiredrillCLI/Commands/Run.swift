import ArgumentParser
import FiredrillCore
import FiredrillReporting
import FiredrillStore
import FiredrillVocabulary
import FiredrillYAML
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

            Every drill is recorded in the database: each event is stored before it is shown, \
            so a drill cut off at any moment can be continued with 'firedrill resume RUN'.
            """
        )

        @Argument(help: "The scenario file, or a bundled scenario's id (see scenarios/).")
        var scenario: String

        @Option(help: "Time compression: drill seconds per real second (60 = one drill minute per second).")
        var speed: Double = 1

        @OptionGroup var terminal: TerminalOptions

        @Option(name: .customLong("player"), help: ArgumentHelp(
            "Who plays a role, for the record: ROLE=NAME or ROLE=NAME/DEPARTMENT (repeatable).",
            discussion: "Names are kept with the run as evidence; reports and trends speak of roles and departments."
        ))
        var players: [String] = []

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard speed.isFinite, speed >= 0.01, speed <= 100_000 else {
                throw ValidationError("--speed must be a number from 0.01 to 100000, e.g. 60")
            }
        }

        func run() async throws {
            let input = try ScenarioInput(path: scenario, language: terminal.look.language)
            let scenario = input.scenario
            let played = try playedRoles(in: scenario)
            let participants = try Self.participants(players, played: played, in: scenario)
            let database = try database.open()
            let presenter = TerminalPresenter(
                scenario: scenario, playedRoles: Set(played), style: TerminalStyle(mode: terminal.look.color), language: terminal.look.language
            )
            let console = TerminalConsole.standard(prompt: presenter.prompt(role: played[0]))
            console.show(presenter.banner(speed: speed))
            let drill = TerminalDrill(presenter: presenter, console: console, playedRoles: played)
            // The drill starts when the trainer says so; nothing is recorded before.
            guard case .start(let pending) = await drill.waitForStart() else {
                console.close()
                Console.out(presenter.strings[.nothingRecorded] + "\n")
                return
            }
            let source = input.loaded.source ?? ""
            let path = URL(fileURLWithPath: input.loaded.path).standardizedFileURL.path
            let recorder: any RunRecording
            do {
                recorder = try store {
                    try database.startRun(
                        scenario: scenario, source: source, path: path, interface: .terminal, speed: speed,
                        participants: participants, options: RunOptions(outDirectory: terminal.out, roles: played)
                    )
                }
            } catch {
                console.close()
                throw error
            }
            console.show(presenter.strings[.recording, ["run": recorder.runID, "path": database.location]])
            let session = DrillSession(scenario: scenario, clock: ContinuousClock(), speed: speed, sink: recorder)
            let recorded = RecordedDrill(
                database: database, recorder: recorder, drill: drill,
                outDirectory: terminal.out ?? Self.defaultOutDirectory(for: scenario, runID: recorder.runID)
            )
            try await recorded.play(session, pending: pending)
        }

        /// Parses `--player ROLE=NAME[/DEPARTMENT]` options; played roles without one are
        /// recorded without a name.
        static func participants(_ options: [String], played: [String], in scenario: Scenario) throws -> [Participant] {
            var named: [String: Participant] = [:]
            for option in options {
                let parts = option.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw ValidationError("--player '\(option)': write ROLE=NAME or ROLE=NAME/DEPARTMENT")
                }
                guard scenario.role(parts[0]) != nil else {
                    throw ValidationError("--player: unknown role '\(parts[0])'\(Suggestions.hint(for: parts[0], among: played))")
                }
                let nameAndDepartment = parts[1].split(separator: "/", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                let name: String
                do { name = try Participant.validName(nameAndDepartment[0]) } catch { throw ValidationError("--player '\(option)': \(error.message)") }
                named[parts[0]] = Participant(
                    role: parts[0], displayName: name,
                    department: nameAndDepartment.count > 1 && !nameAndDepartment[1].isEmpty ? nameAndDepartment[1] : nil
                )
            }
            return played.map { named[$0] ?? Participant(role: $0, displayName: nil, department: nil) }
        }

        func playedRoles(in scenario: Scenario) throws -> [String] {
            try Self.playedRoles(terminal.roles, in: scenario)
        }

        /// The roles named by an `--as` value (default: every role played by people).
        static func playedRoles(_ roles: String?, in scenario: Scenario) throws -> [String] {
            guard let roles else { return scenario.playerRoles.map(\.id) }
            let ids = roles.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            do {
                return try scenario.playableRoles(ids)
            } catch {
                throw ValidationError("--as: \(error.message)")
            }
        }

        static func defaultOutDirectory(for scenario: Scenario, runID: String) -> String {
            "reports/\(scenario.id)-\(runID)"
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
