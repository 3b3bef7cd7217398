import Foundation

/// A program of the system (looked up in PATH) run by a test as an independent check, e.g.
/// poppler's `pdftotext` or Python's Unicode tables. A tool that is missing or fails is an
/// error naming it: the check fails, it is never skipped.
public enum SystemTool {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Runs `command` with `input` on its standard input and returns its standard output.
    public static func output(_ command: [String], input: String = "") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errors = DataBox()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errors.data = stderr.fileHandleForReading.readDataToEndOfFile() }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.data, as: UTF8.self).prefix(300)
            throw Failure(description: "\(command[0]) failed (exit \(process.terminationStatus)); is it installed? \(message)")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The display width of each line of `lines` by Python's own Unicode tables (East Asian
    /// Wide and Fullwidth count two, combining and format characters none): an oracle that
    /// shares no code with firedrill's ``DisplayWidth``.
    public static func displayWidths(_ lines: [String]) throws -> [Int] {
        let script = """
        import sys, unicodedata
        def width(line):
            total = 0
            for ch in line:
                if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
                    continue
                total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
            return total
        for line in sys.stdin.read().split("\\n"):
            print(width(line))
        """
        let printed = try output(["python3", "-c", script], input: lines.joined(separator: "\n"))
        return printed.split(separator: "\n").compactMap { Int($0) }
    }

    private final class DataBox: @unchecked Sendable { var data = Data() }
}
