import Foundation

/// A child process fed line by line, whose output (standard output and error together) can
/// be awaited as it comes: a terminal drill, `firedrill join`. Waits have a generous safety
/// timeout so a broken build fails instead of hanging; no assertion depends on how long
/// anything takes.
public final class LiveProcess: @unchecked Sendable {
    public let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSCondition()
    private var buffer = ""
    private var ended = false

    /// Starts `executable` with `arguments`, in this process's environment plus `environment`.
    public init(executable: URL, arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
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

    /// Everything the process wrote so far.
    public var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }

    public func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Waits until the output contains `fragment`; false if the process ended or the safety
    /// timeout passed first.
    public func waitFor(_ fragment: String, safetyTimeout: TimeInterval = 30) -> Bool {
        let deadline = Date().addingTimeInterval(safetyTimeout)
        lock.lock()
        defer { lock.unlock() }
        while !buffer.contains(fragment) {
            if ended || !lock.wait(until: deadline) { return buffer.contains(fragment) }
        }
        return true
    }

    /// Kills the process with SIGKILL, as a crash or `kill -9` would.
    public func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
    }

    /// Closes its input and waits for it to exit; returns its exit status.
    public func finish() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        _ = waitFor("\u{0}", safetyTimeout: 5) // drain what is left
        return process.terminationStatus
    }
}

/// The `firedrill` executable of this build: it sits next to the test bundle.
public enum BuiltExecutable {
    public static let firedrill: URL = {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("firedrill")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return bundleDirectory.appendingPathComponent("firedrill")
    }()
}
