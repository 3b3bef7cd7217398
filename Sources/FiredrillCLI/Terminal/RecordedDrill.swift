import Dispatch
import FiredrillCore
import FiredrillStore
import Foundation

/// A terminal drill whose every event is stored before it is shown, with a heartbeat that
/// keeps the stored drill clock current, and Ctrl-C leaving the run resumable.
struct RecordedDrill {
    let database: AppDatabase
    let recorder: RunRecorder
    let presenter: TerminalPresenter
    let playedRoles: [String]
    let outDirectory: String

    /// Plays the drill to its end, finishes the record, and writes and shows the report.
    func play(_ session: DrillSession<ContinuousClock>) async throws {
        guard let lock = RunLock(databasePath: database.path, runID: recorder.runID) else {
            throw CLIError("run \(recorder.runID) is being played by another firedrill process")
        }
        let interrupt = interruptHandler()
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                try? await session.checkpoint()
            }
        }
        defer {
            heartbeat.cancel()
            interrupt.cancel()
        }
        let drill = TerminalDrill(
            session: session, presenter: presenter, playedRoles: playedRoles, interactive: isatty(STDIN_FILENO) == 1,
            lines: LineQueue.standardInput()
        )
        try await drill.run()
        try await drill.askSurvey()

        let engine = await session.snapshot
        try store { try recorder.finish(report: DrillReport(scenario: presenter.scenario, events: engine.events, mode: .live)) }
        let stored = try StoredReport(database, runID: recorder.runID)
        withExtendedLifetime(lock) {}
        Console.out("\n" + presenter.summary(stored.report) + "\n")
        try ReportFiles.write(stored.report, to: outDirectory)
        Console.out("Run \(recorder.runID) recorded in \(database.path); chain head \(stored.run.chainHead ?? "none").\n")
        Console.out("Reports written to \(outDirectory)/report.json and report.md\n")
    }

    /// On Ctrl-C or SIGTERM: mark the run interrupted (everything acknowledged is already
    /// stored) and exit, telling how to continue.
    private func interruptHandler() -> InterruptHandler {
        let recorder = recorder
        let sources = [SIGINT, SIGTERM].map { signalNumber -> any DispatchSourceSignal in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                try? recorder.markInterrupted()
                Console.error("\nInterrupted. Everything acknowledged is stored; continue with: firedrill resume \(recorder.runID)")
                exit(130)
            }
            source.resume()
            return source
        }
        return InterruptHandler(sources: sources)
    }
}

/// The signal sources of a recorded drill; cancelling restores the default handling.
struct InterruptHandler {
    let sources: [any DispatchSourceSignal]

    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
