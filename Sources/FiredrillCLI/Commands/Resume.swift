import ArgumentParser
import FiredrillCore
import FiredrillRecords
import FiredrillStore
import FiredrillVocabulary
import Foundation

extension Firedrill {
    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Continue a recorded terminal drill that was cut off.",
            discussion: """
            Rebuilds the drill from its record (checking that the scenario reproduces every \
            stored event), records that it was interrupted, shows what the players had seen, \
            and continues with the drill clock where it stopped. The drill starts paused: \
            type /resume when the team is ready. The run's roles and report directory are kept \
            unless given again.
            """
        )

        @Argument(help: "The run id (or a unique prefix of it).")
        var runID: String

        @Option(help: "Time compression (default: the run's own speed).")
        var speed: Double?

        @OptionGroup var terminal: TerminalOptions

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if let speed, !(speed.isFinite && speed >= 0.01 && speed <= 100_000) {
                throw ValidationError("--speed must be a number from 0.01 to 100000, e.g. 60")
            }
        }

        func run() async throws {
            let database = try database.open()
            let stored: StoredRun
            do {
                stored = try database.run(id: runID)
            } catch let error as StoreError where error.code == .runNotFound {
                throw CLIError("\(error.message) (searched \(database.location); name another database with --db)")
            }
            guard stored.status != .finished else {
                throw CLIError("run \(stored.id) is finished; 'firedrill show \(stored.id)' prints its report")
            }
            guard stored.interface == .terminal else {
                let how = stored.interface == .script ? "is a replay; replays cannot be resumed" : "is played on a firedrill server; the trainer resumes it there (POST /api/v1/drills/RUN/resume once the server runs again)"
                throw CLIError("run \(stored.id) \(how)")
            }
            // Checked before anything is appended: the run's own process may still be playing it.
            guard !RunLock.isHeld(databasePath: database.location, runID: stored.id) else {
                throw CLIError("run \(stored.id) is being played by another firedrill process")
            }
            let scenario = try StoredReport.scenario(of: stored)
            let events = try store { try database.events(runID: stored.id) }
            var engine: DrillEngine
            do {
                engine = try DrillEngine.restoring(scenario, from: events)
            } catch {
                throw CLIError("run \(stored.id) cannot be resumed: \(error)")
            }
            let recorder = try store { try database.recorder(resuming: stored.id) }
            // Events the engine derives that were not stored yet, then the interruption where the clock stopped.
            var missing = Array(engine.events.dropFirst(events.count))
            if !engine.isFinished {
                missing += engine.interrupt(at: max(engine.now, DrillTime(milliseconds: stored.checkpointMs)))
            }
            if !missing.isEmpty { try store { try recorder.append(missing) } }

            let options = stored.runOptions
            let played = try playedRoles(in: scenario, kept: options.roles, recorded: try store { try database.participants(runID: stored.id) }.map(\.role))
            let speed = speed ?? stored.speed ?? 1
            let presenter = TerminalPresenter(
                scenario: scenario, playedRoles: Set(played), style: TerminalStyle(mode: terminal.look.color), language: terminal.look.language
            )
            let console = TerminalConsole.standard(prompt: presenter.prompt(role: played[0]))
            console.show(presenter.banner(speed: speed))
            if let recap = presenter.recap(events) { console.show(recap + "\n") }
            if engine.isFinished {
                console.show(presenter.strings[.completingRecord, ["run": stored.id, "time": engine.now.wholeSecondsDescription]])
            } else {
                console.show(presenter.strings[.resumingAt, ["run": stored.id, "time": engine.now.wholeSecondsDescription]])
            }
            let session = DrillSession(scenario: scenario, clock: ContinuousClock(), speed: speed, sink: recorder, restoring: engine)
            let drill = TerminalDrill(presenter: presenter, console: console, playedRoles: played)
            let recorded = RecordedDrill(
                database: database, recorder: recorder, drill: drill,
                outDirectory: terminal.out ?? options.outDirectory ?? Run.defaultOutDirectory(for: scenario, runID: stored.id)
            )
            try await recorded.play(session)
        }

        /// `--as` if given, else the roles the run was played with, else those recorded.
        func playedRoles(in scenario: Scenario, kept: [String]?, recorded: [String]) throws -> [String] {
            if let roles = terminal.roles { return try Run.playedRoles(roles, in: scenario) }
            for candidates in [kept ?? [], recorded] {
                let valid = candidates.filter { scenario.role($0)?.isSimulated == false }
                if !valid.isEmpty { return valid }
            }
            return scenario.playerRoles.map(\.id)
        }
    }
}
