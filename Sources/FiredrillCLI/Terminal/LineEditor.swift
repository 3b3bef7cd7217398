import Foundation
import Synchronization

/// The prompt of an interactive terminal drill, on the system's ``LibEdit``: arrow keys, line
/// editing and history, and messages that arrive while someone types printed *above* the
/// line being typed, which is then drawn again as it was.
///
/// libedit keeps global state, so there is one editor per process, driven by a thread of its
/// own: it waits on standard input and on a wake-up pipe, feeds keys to libedit's callback
/// reader, and prints queued messages between keys. Finished lines go to a ``LineQueue``.
final class LineEditor: Sendable {
    /// The process's editor, once started; `nil` when the system has no libedit.
    static let shared: LineEditor? = LibEdit.shared.map(LineEditor.init)

    private enum Request {
        case show(String)
        case prompt(String)
        case stop
    }

    private struct State {
        var requests: [Request] = []
        var started = false
        var stopping = false
        var prompt: String?
        var savedTerminal: termios?
    }

    let lines = LineQueue()
    private let library: LibEdit
    private let state = Mutex(State())
    private let stopped = DispatchSemaphore(value: 0)
    private let wakeRead: Int32
    private let wakeWrite: Int32

    private init(library: LibEdit) {
        self.library = library
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        wakeRead = fds[0]
        wakeWrite = fds[1]
    }

    /// Starts reading lines with `prompt`. Call once.
    func start(prompt: String) {
        let first = state.withLock { state -> Bool in
            defer { state.started = true }
            var saved = termios()
            if tcgetattr(STDIN_FILENO, &saved) == 0 { state.savedTerminal = saved }
            return !state.started
        }
        guard first else { return }
        Thread { [self] in run(prompt: prompt) }.start()
    }

    /// Prints `text` (one or more lines) above the line being typed.
    func show(_ text: String) {
        send(.show(text))
    }

    /// Changes the prompt, e.g. when the acting role changes.
    func setPrompt(_ prompt: String) {
        send(.prompt(prompt))
    }

    /// Stops reading, leaves the terminal as it was, and ends ``lines``; returns when done.
    func stop() {
        guard state.withLock({ $0.started }) else { return }
        send(.stop)
        _ = stopped.wait(timeout: .now() + 2)
    }

    /// Puts the terminal back as it was before the editor started, from any thread (used
    /// when the process leaves on a signal).
    func restoreTerminal() {
        state.withLock { state in
            if var saved = state.savedTerminal { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        }
    }

    private func send(_ request: Request) {
        state.withLock { $0.requests.append(request) }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    // MARK: The editor thread

    private func run(prompt: String) {
        library.leaveSignalsAlone()
        library.readKeys(with: lineEditorGetCharacter)
        var current = prompt
        while true {
            guard let line = library.readline(current) else { break }
            let text = String(cString: line)
            free(line)
            if !text.allSatisfy(\.isWhitespace) { _ = library.addHistory(text) }
            lines.push(text)
            current = state.withLock { $0.prompt ?? current }
            if state.withLock({ $0.stopping }) { break }
        }
        restoreTerminal()
        lines.finish()
        stopped.signal()
    }

    /// The next key for libedit: waits on standard input and the wake-up pipe, and while no
    /// key comes, carries out requests: messages are printed above the line being typed,
    /// which libedit then draws again. EOF stops the reader.
    fileprivate func nextCharacter() -> Int32 {
        var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        while true {
            descriptors[0].revents = 0
            descriptors[1].revents = 0
            guard poll(&descriptors, 2, -1) >= 0 else {
                if errno == EINTR { continue }
                return EOF
            }
            if descriptors[1].revents & Int16(POLLIN) != 0 {
                var buffer = [UInt8](repeating: 0, count: 64)
                _ = read(wakeRead, &buffer, buffer.count)
                let requests = state.withLock { state -> [Request] in
                    defer { state.requests = [] }
                    return state.requests
                }
                for request in requests {
                    switch request {
                    case .show(let text):
                        writeAll("\r\u{1B}[2K" + text + "\n")
                        _ = library.forcedUpdateDisplay()
                    case .prompt(let prompt):
                        state.withLock { $0.prompt = prompt }
                        _ = library.setPrompt(prompt)
                        writeAll("\r\u{1B}[2K")
                        _ = library.forcedUpdateDisplay()
                    case .stop:
                        state.withLock { $0.stopping = true }
                        return EOF
                    }
                }
            }
            if descriptors[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                var byte: UInt8 = 0
                let count = read(STDIN_FILENO, &byte, 1)
                if count == 1 { return Int32(byte) }
                if count < 0 && errno == EINTR { continue }
                return EOF
            }
        }
    }

    private func writeAll(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}

/// libedit's key reader: a C function, so it reaches the editor through `shared`.
private func lineEditorGetCharacter(_ file: UnsafeMutablePointer<FILE>?) -> Int32 {
    LineEditor.shared?.nextCharacter() ?? EOF
}
