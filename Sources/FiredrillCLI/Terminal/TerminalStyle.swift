import Foundation

/// ANSI colours on a terminal, plain text when piped or when `NO_COLOR` is set.
struct TerminalStyle: Sendable {
    let colors: Bool

    enum Mode: String, CaseIterable {
        case auto, always, never
    }

    init(mode: Mode, fileDescriptor: Int32 = STDOUT_FILENO) {
        switch mode {
        case .always: colors = true
        case .never: colors = false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            colors = isatty(fileDescriptor) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        }
    }

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
    func blue(_ text: String) -> String { wrap(text, "34") }
    func magenta(_ text: String) -> String { wrap(text, "35") }
    func cyan(_ text: String) -> String { wrap(text, "36") }

    private func wrap(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
