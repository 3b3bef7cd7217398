import Dispatch
import FiredrillCore
import FiredrillRecords
import FiredrillStore
import FiredrillVocabulary
import Foundation

/// A terminal drill whose every event is stored before it is shown, with a heartbeat that
/// keeps the stored drill clock current, and Ctrl-C leaving the run resumable.
struct RecordedDrill {
    let database: any DrillStore
    let recorder: any RunRecording
    let drill: TerminalDrill
    let outDirectory: String

    var presenter: TerminalPresenter { drill.presenter }
    var console: TerminalConsole { drill.console }

    /// Plays the drill to its end, finishes the record, and writes and shows the report.
    func play(_ session: DrillSession<ContinuousClock>, pending: String? = nil) async throws {
        guard let lock = RunLock(databasePath: database.location, runID: recorder.runID) else {
            console.close()
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
        try await drill.run(session, pending: pending)
        try await drill.askSurvey(LocalDrillControl(session: session))
        try await drill.askQuiz(LocalDrillControl(session: session, playedRoles: drill.playedRoles))
        console.close()

        let engine = await session.snapshot
        try store { try recorder.finish(report: DrillReport(scenario: presenter.scenario, events: engine.events, mode: .live)) }
        let stored = try StoredReport(database, runID: recorder.runID)
        withExtendedLifetime(lock) {}
        let strings = presenter.strings
        Console.out("\n" + presenter.summary(stored.report) + "\n")
        try ReportFiles.write(stored.report, to: outDirectory)
        Console.out(strings[.recorded, ["run": recorder.runID, "path": database.location, "head": stored.run.chainHead ?? "none"]] + "\n")
        Console.out(strings[.reportsWritten, ["directory": outDirectory]] + "\n")
    }

    /// The command that continues this run, with the database named.
    static func resumeCommand(runID: String, databasePath: String) -> String {
        "firedrill resume \(runID) --db \(shellQuoted(databasePath))"
    }

    static func shellQuoted(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "/._-~+:@".contains($0) }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// On Ctrl-C or SIGTERM: give the terminal back, mark the run interrupted (everything
    /// acknowledged is already stored) and exit, telling how to continue.
    private func interruptHandler() -> InterruptHandler {
        let recorder = recorder
        let console = console
        let hint = presenter.strings[.interrupted, ["resume": Self.resumeCommand(runID: recorder.runID, databasePath: database.location)]]
        let sources = [SIGINT, SIGTERM].map { signalNumber -> any DispatchSourceSignal in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                console.restoreTerminal()
                try? recorder.markInterrupted()
                Console.error("\n" + hint)
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
