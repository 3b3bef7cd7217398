import Foundation
import Testing

/// A `firedrill` process fed line by line, whose output can be awaited as it comes.
/// Waits have a generous safety timeout so a broken build fails instead of hanging; no
/// assertion depends on how long anything takes.
final class LiveProcess: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSCondition()
    private var buffer = ""
    private var ended = false

    init(_ arguments: [String]) throws {
        process.executableURL = CLI.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["FIREDRILL_DB"] = CLI.scratchDatabase
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let handle = output.fileHandleForReading
        Thread { [self] in
            while true {
                let data = handle.availableData
                lock.lock()
                if data.isEmpty { ended = true } else { buffer += String(decoding: data, as: UTF8.self) }
                lock.broadcast()
                lock.unlock()
                if data.isEmpty { return }
            }
        }.start()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }

    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Waits until the output contains `fragment`; false if the process ended or the safety
    /// timeout passed first.
    func waitFor(_ fragment: String, safetyTimeout: TimeInterval = 30) -> Bool {
        let deadline = Date().addingTimeInterval(safetyTimeout)
        lock.lock()
        defer { lock.unlock() }
        while !buffer.contains(fragment) {
            if ended || !lock.wait(until: deadline) { return buffer.contains(fragment) }
        }
        return true
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
    }

    func finish() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        _ = waitFor("\u{0}", safetyTimeout: 5) // drain what is left
        return process.terminationStatus
    }
}
