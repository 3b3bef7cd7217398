import Foundation
import Synchronization

/// The terminal a drill is played at.
///
/// - On a terminal with libedit: the ``LineEditor`` prompt, with line editing and history,
///   and messages printed above the line being typed.
/// - On a terminal without libedit (or with `FIREDRILL_LINE_EDITING=off`): plain line input;
///   a message ends the line on screen and the prompt is shown again below it.
/// - From a pipe: plain lines in and out, no prompt.
final class TerminalConsole: Sendable {
    enum Mode: Sendable, Equatable {
        case lineEditor(LineEditor)
        case plainTerminal
        case pipe

        static func == (lhs: Mode, rhs: Mode) -> Bool {
            switch (lhs, rhs) {
            case (.lineEditor(let a), .lineEditor(let b)): a === b
            case (.plainTerminal, .plainTerminal), (.pipe, .pipe): true
            default: false
            }
        }
    }

    let mode: Mode
    private let queue: LineQueue
    private let prompt: Prompt

    /// The prompt of the plain terminal (the line editor keeps its own), and whether it is
    /// on screen waiting for a line.
    private final class Prompt: Sendable {
        private let state: Mutex<(text: String, waiting: Bool)>
        init(_ text: String) { state = Mutex((text, false)) }
        func set(_ new: String) { state.withLock { $0.text = new } }
        /// Shows the prompt and marks it as waiting.
        func show() { Console.out(state.withLock { $0.waiting = true; return $0.text }) }
        func answered() { state.withLock { $0.waiting = false } }
        /// Prints `text` on lines of its own, with the prompt again below when one is waiting.
        func print(_ text: String) {
            let (prompt, waiting) = state.withLock { ($0.text, $0.waiting) }
            Console.out(waiting ? "\n" + text + "\n" + prompt : text + "\n")
        }
    }

    private init(mode: Mode, queue: LineQueue, prompt: String) {
        self.mode = mode
        self.queue = queue
        self.prompt = Prompt(prompt)
    }

    /// Whether a person types at a terminal (rather than lines coming from a pipe).
    var interactive: Bool { mode != .pipe }

    /// Standard input and output: the line editor when both are a terminal and libedit is
    /// there, plain line input on a terminal without it.
    static func standard(prompt: String) -> TerminalConsole {
        guard isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 else {
            return TerminalConsole(mode: .pipe, queue: LineQueue.standardInput(), prompt: prompt)
        }
        if let editor = LineEditor.shared {
            editor.start(prompt: prompt)
            return TerminalConsole(mode: .lineEditor(editor), queue: editor.lines, prompt: prompt)
        }
        return TerminalConsole(mode: .plainTerminal, queue: LineQueue.standardInput(), prompt: prompt)
    }

    /// Shows text (one or more lines) to the player.
    func show(_ text: String) {
        switch mode {
        case .lineEditor(let editor): editor.show(text)
        case .plainTerminal: prompt.print(text)
        case .pipe: Console.out(text + "\n")
        }
    }

    func setPrompt(_ new: String) {
        switch mode {
        case .lineEditor(let editor): editor.setPrompt(new)
        case .plainTerminal: prompt.set(new)
        case .pipe: break
        }
    }

    /// Shows a question and waits for the answer line (`nil` at end of input).
    func ask(_ question: String) async -> String? {
        if mode == .pipe { Console.out(question) } else { setPrompt(question) }
        return await next()
    }

    /// The next line typed; `nil` at end of input, or when the waiting task is cancelled.
    func next() async -> String? {
        guard mode == .plainTerminal else { return await queue.next() }
        prompt.show()
        defer { prompt.answered() }
        return await queue.next()
    }

    /// Gives the terminal back (the prompt goes away); plain output follows.
    func close() {
        switch mode {
        case .lineEditor(let editor): editor.stop()
        case .plainTerminal, .pipe: break
        }
    }

    /// Puts the terminal back from any thread, when the process leaves on a signal.
    func restoreTerminal() {
        if case .lineEditor(let editor) = mode { editor.restoreTerminal() }
    }
}
