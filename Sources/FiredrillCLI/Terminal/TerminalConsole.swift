import Foundation

/// The terminal a drill is played at: on a real terminal, the ``LineEditor`` prompt with
/// messages printed above the line being typed; from a pipe, plain lines in and out.
final class TerminalConsole: Sendable {
    let interactive: Bool
    private let queue: LineQueue

    private init(interactive: Bool, queue: LineQueue) {
        self.interactive = interactive
        self.queue = queue
    }

    /// Standard input and output: the line editor when both are a terminal.
    static func standard(prompt: String) -> TerminalConsole {
        if isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 {
            LineEditor.shared.start(prompt: prompt)
            return TerminalConsole(interactive: true, queue: LineEditor.shared.lines)
        }
        return TerminalConsole(interactive: false, queue: LineQueue.standardInput())
    }

    /// Shows text (one or more lines) to the player.
    func show(_ text: String) {
        if interactive { LineEditor.shared.show(text) } else { Console.out(text + "\n") }
    }

    func setPrompt(_ prompt: String) {
        if interactive { LineEditor.shared.setPrompt(prompt) }
    }

    /// Shows a question and waits for the answer line (`nil` at end of input).
    func ask(_ question: String) async -> String? {
        if interactive { setPrompt(question) } else { Console.out(question) }
        return await next()
    }

    /// The next line typed; `nil` at end of input, or when the waiting task is cancelled.
    func next() async -> String? {
        await queue.next()
    }

    /// Gives the terminal back (the prompt goes away); plain output follows.
    func close() {
        if interactive { LineEditor.shared.stop() }
    }

    /// Puts the terminal back from any thread, when the process leaves on a signal.
    func restoreTerminal() {
        if interactive { LineEditor.shared.restoreTerminal() }
    }
}
