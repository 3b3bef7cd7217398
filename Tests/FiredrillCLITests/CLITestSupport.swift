import FiredrillTestSupport
import Foundation
import Testing

/// Runs the built `firedrill` executable, as a user would.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable sits next to the test bundle in the build directory.
    static var executable: URL { BuiltExecutable.firedrill }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// One child at a time: Foundation's pipes are not close-on-exec, so a child spawned while
    /// another test holds an open pipe would inherit its write end and keep it from seeing
    /// end of input.
    private static let spawnLock = NSRecursiveLock()

    /// Runs `body` while no other test spawns a process (see `spawnLock`).
    static func exclusive<T>(_ body: () throws -> T) rethrows -> T {
        spawnLock.lock()
        defer { spawnLock.unlock() }
        return try body()
    }

    @discardableResult
    static func run(_ arguments: [String], input: String = "", environment: [String: String] = [:], directory: URL? = nil) throws -> Result {
        try runExecutable([executable.path] + arguments, input: input, environment: environment, directory: directory)
    }

    /// Runs `command` (an executable path and its arguments), e.g. firedrill under `setpriv`.
    static func runExecutable(_ command: [String], input: String = "", environment: [String: String] = [:], directory: URL? = nil) throws -> Result {
        spawnLock.lock()
        defer { spawnLock.unlock() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        // Never the user's own database: tests that do not name one share a scratch file.
        env["FIREDRILL_DB"] = scratchDatabase
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Drain stderr on another thread while reading stdout here, so a full pipe cannot stall the child.
        let errorBox = DataBox()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errorBox.data = stderr.fileHandleForReading.readDataToEndOfFile() }
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errorBox.data, as: UTF8.self))
    }

    /// Runs a system tool (looked up in PATH) and returns its exit status; output is discarded.
    @discardableResult
    static func system(_ command: [String]) throws -> Int32 {
        spawnLock.lock()
        defer { spawnLock.unlock() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    private final class DataBox: @unchecked Sendable { var data = Data() }

    /// The database of commands that name none (instead of the user's own).
    static let scratchDatabase = FileManager.default.temporaryDirectory
        .appendingPathComponent("firedrill-cli-scratch-\(UUID().uuidString)/firedrill.sqlite").path

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}

extension LiveProcess {
    /// A `firedrill` command without colour, on the tests' scratch database unless it names one.
    convenience init(_ arguments: [String]) throws {
        try self.init(executable: CLI.executable, arguments: arguments, environment: ["NO_COLOR": "1", "FIREDRILL_DB": CLI.scratchDatabase])
    }
}

extension PseudoTerminal {
    /// A `firedrill` command at a terminal, without colour, on the tests' scratch database
    /// unless it names one. Create it inside `CLI.exclusive`, held while the process lives.
    convenience init(_ arguments: [String], environment: [String: String] = [:]) throws {
        try self.init(
            executable: CLI.executable, arguments: arguments,
            environment: ["NO_COLOR": "1", "FIREDRILL_DB": CLI.scratchDatabase].merging(environment) { _, given in given }
        )
    }
}
