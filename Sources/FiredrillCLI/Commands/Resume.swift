import ArgumentParser
import FiredrillCore
import FiredrillStore
import Foundation

extension Firedrill {
    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Continue a recorded terminal drill that was cut off.",
            discussion: """
            Rebuilds the drill from its record (checking that the scenario reproduces every \
            stored event) and continues it with the drill clock where it stopped. The drill \
            starts paused: type /resume when the team is ready.
            """
        )

        @Argument(help: "The run id (or a unique prefix of it).")
        var runID: String

        @Option(help: "Time compression (default: the run's own speed).")
        var speed: Double?

        @OptionGroup var terminal: TerminalOptions

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if let speed, !(speed.isFinite && speed > 0 && speed <= 100_000) {
                throw ValidationError("--speed must be a number greater than 0 and at most 100000, e.g. 60")
            }
        }

        func run() async throws {
            let database = try database.open()
            let stored = try store { try database.run(id: runID) }
            guard stored.status != .finished else {
                throw CLIError("run \(stored.id) is finished; 'firedrill show \(stored.id)' prints its report")
            }
            guard stored.mode == .terminal else { throw CLIError("run \(stored.id) is a replay; replays cannot be resumed") }
            // Checked before anything is appended: the run's own process may still be playing it.
            guard !RunLock.isHeld(databasePath: database.path, runID: stored.id) else {
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
            // Events the engine derives that were not stored yet, then a pause where the clock stopped.
            var missing = Array(engine.events.dropFirst(events.count))
            if !engine.isFinished {
                missing += engine.pause(at: max(engine.now, DrillTime(milliseconds: stored.checkpointMs)))
            }
            if !missing.isEmpty { try store { try recorder.append(missing) } }

            let participants = try store { try database.participants(runID: stored.id) }
            let played = try playedRoles(in: scenario, recorded: participants.map(\.role))
            let speed = speed ?? stored.speed ?? 1
            let presenter = TerminalPresenter(scenario: scenario, playedRoles: Set(played), style: TerminalStyle(mode: terminal.color))
            Console.out(presenter.banner(speed: speed))
            if engine.isFinished {
                Console.out("Run \(stored.id) had ended at \(engine.now.wholeSecondsDescription); completing its record.\n")
            } else {
                Console.out("Resuming run \(stored.id) at drill time \(engine.now.wholeSecondsDescription). The drill is paused: type /resume to continue.\n")
            }
            let session = DrillSession(scenario: scenario, clock: ContinuousClock(), speed: speed, sink: recorder, restoring: engine)
            let drill = RecordedDrill(
                database: database, recorder: recorder, presenter: presenter, playedRoles: played,
                outDirectory: terminal.out ?? Run.defaultOutDirectory(for: scenario, runID: stored.id)
            )
            try await drill.play(session)
        }

        func playedRoles(in scenario: Scenario, recorded: [String]) throws -> [String] {
            if let roles = terminal.roles { return try Run.playedRoles(roles, in: scenario) }
            let valid = recorded.filter { scenario.role($0)?.isSimulated == false }
            return valid.isEmpty ? scenario.playerRoles.map(\.id) : valid
        }
    }
}
