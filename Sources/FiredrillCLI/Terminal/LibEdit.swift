import Foundation

/// The system's libedit (BSD licence), opened when the process needs it rather than linked:
/// its readline-compatible interface gives the terminal drill line editing and history.
///
/// A machine may have libedit's runtime (`libedit.so.2`) without its headers, or neither;
/// firedrill builds on both, and a terminal drill falls back to plain line input when the
/// library cannot be opened (see ``TerminalConsole``).
struct LibEdit: @unchecked Sendable {
    // Function types of the readline interface (`editline/readline.h`).
    typealias ReadLine = @convention(c) (UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>?
    typealias AddHistory = @convention(c) (UnsafePointer<CChar>?) -> Int32
    typealias ForcedUpdateDisplay = @convention(c) () -> Int32
    typealias SetPrompt = @convention(c) (UnsafePointer<CChar>?) -> Int32
    typealias GetCharacter = @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32

    let readline: ReadLine
    let addHistory: AddHistory
    let forcedUpdateDisplay: ForcedUpdateDisplay
    let setPrompt: SetPrompt
    /// `rl_catch_signals`: whether libedit installs its own signal handlers.
    private let catchSignals: UnsafeMutablePointer<Int32>
    /// `rl_getc_function`: where libedit reads its keys from.
    private let getCharacterFunction: UnsafeMutablePointer<GetCharacter?>

    /// The library names tried, newest interface first.
    static let libraryNames = ["libedit.so.2", "libedit.so.0", "libedit.so", "libedit.3.dylib", "libedit.dylib"]

    /// The process's libedit, or `nil` when the system has none (or
    /// `FIREDRILL_LINE_EDITING=off` asks for plain line input).
    static let shared: LibEdit? = {
        if ProcessInfo.processInfo.environment["FIREDRILL_LINE_EDITING"] == "off" { return nil }
        for name in libraryNames {
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL), let library = LibEdit(handle: handle) {
                return library
            }
        }
        return nil
    }()

    private init?(handle: UnsafeMutableRawPointer) {
        func symbol(_ name: String) -> UnsafeMutableRawPointer? { dlsym(handle, name) }
        guard let readline = symbol("readline"), let addHistory = symbol("add_history"),
              let forcedUpdateDisplay = symbol("rl_forced_update_display"), let setPrompt = symbol("rl_set_prompt"),
              let catchSignals = symbol("rl_catch_signals"), let getCharacter = symbol("rl_getc_function")
        else { return nil }
        self.readline = unsafeBitCast(readline, to: ReadLine.self)
        self.addHistory = unsafeBitCast(addHistory, to: AddHistory.self)
        self.forcedUpdateDisplay = unsafeBitCast(forcedUpdateDisplay, to: ForcedUpdateDisplay.self)
        self.setPrompt = unsafeBitCast(setPrompt, to: SetPrompt.self)
        self.catchSignals = catchSignals.assumingMemoryBound(to: Int32.self)
        self.getCharacterFunction = getCharacter.assumingMemoryBound(to: GetCharacter?.self)
    }

    /// Leaves SIGINT and SIGTERM to firedrill's own handlers (which restore the terminal and
    /// keep the drill resumable).
    func leaveSignalsAlone() {
        catchSignals.pointee = 0
    }

    /// Reads keys through `getCharacter`, so that the reader can wait on other things too
    /// (messages to print above the line being typed) between keys.
    func readKeys(with getCharacter: GetCharacter) {
        getCharacterFunction.pointee = getCharacter
    }
}
