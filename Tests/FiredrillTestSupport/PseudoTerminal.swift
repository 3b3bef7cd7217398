import Foundation

/// A `firedrill` process on a pseudo-terminal, as a participant at a real terminal would
/// run it: keys go in as typed (arrows and backspace included) and the screen's output can
/// be awaited. Waits have a safety timeout so a broken build fails instead of hanging; no
/// assertion depends on how long anything takes.
public final class PseudoTerminal: @unchecked Sendable {
    public let process = Process()
    private let primary: FileHandle
    private let lock = NSCondition()
    private var buffer = ""
    private var ended = false

    /// Starts `executable` with `arguments` on a new pseudo-terminal `columns` wide, in this
    /// process's environment plus `environment` (with `TERM=xterm`).
    public init(executable: URL, arguments: [String], columns: Int = 120, environment extra: [String: String] = [:]) throws {
        // Linux's pseudo-terminal multiplexer: unlock the new pair and find its number
        // (TIOCSPTLCK and TIOCGPTN, whose macros Swift does not import).
        let descriptor = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard descriptor >= 0, ioctl(descriptor, 0x4004_5431, &unlock) == 0, ioctl(descriptor, 0x8004_5430, &number) == 0,
              let secondary = FileHandle(forUpdatingAtPath: "/dev/pts/\(number)")
        else {
            throw CocoaError(.fileReadUnknown)
        }
        var size = winsize(ws_row: 40, ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(descriptor, UInt(TIOCSWINSZ), &size)
        primary = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardInput = secondary
        process.standardOutput = secondary
        process.standardError = secondary
        try process.run()
        try secondary.close()
        Thread { [self] in
            // read(2), not FileHandle: a pseudo-terminal whose child has gone reads EIO.
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(descriptor, &chunk, chunk.count)
                if count < 0 && errno == EINTR { continue }
                lock.lock()
                if count <= 0 { ended = true } else { buffer += String(decoding: chunk[..<count], as: UTF8.self) }
                lock.broadcast()
                lock.unlock()
                if count <= 0 { return }
            }
        }.start()
    }

    public var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }

    /// Types keys exactly as given (`"\r"` is Enter, `"\u{1B}[D"` the left arrow, `"\u{7F}"` backspace).
    public func type(_ keys: String) {
        primary.write(Data(keys.utf8))
    }

    /// Waits until the screen output contains `fragment` (counting from `after` characters on).
    public func waitFor(_ fragment: String, after offset: Int = 0, safetyTimeout: TimeInterval = 30) -> Bool {
        let deadline = Date().addingTimeInterval(safetyTimeout)
        lock.lock()
        defer { lock.unlock() }
        func found() -> Bool { String(buffer.dropFirst(offset)).contains(fragment) }
        while !found() {
            if ended || !lock.wait(until: deadline) { return found() }
        }
        return true
    }

    public func finish() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    public func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
