import ArgumentParser
import FiredrillCore
import FiredrillYAML
import Foundation

/// Loads the scenario a command names, printing every problem and failing when it is invalid.
struct ScenarioInput {
    let loaded: ScenarioLoader.Loaded

    var scenario: Scenario { loaded.scenario! }

    init(path: String) throws {
        let resolved = BundledScenarios.resolve(path)
        let loaded = ScenarioLoader().load(path: resolved)
        for line in loaded.formattedDiagnostics { Console.error(line) }
        guard loaded.scenario != nil else {
            Console.error("\(resolved): the scenario is not valid; fix the problems above (firedrill validate \(resolved))")
            throw ExitCode(2)
        }
        self.loaded = loaded
    }
}

/// The scenarios shipped in the repository's `scenarios/` folder.
enum BundledScenarios {
    /// A path as given, or, for a bare id such as `cloud-region-outage`, the bundled file of
    /// that name when there is one.
    static func resolve(_ argument: String) -> String {
        if FileManager.default.fileExists(atPath: argument) || argument.contains("/") { return argument }
        for directory in searchDirectories {
            for suffix in [".yaml", ".yml", ".json"] {
                let candidate = directory + "/" + argument + suffix
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
            }
        }
        return argument
    }

    /// `scenarios/` in the working directory, then beside the executable's package.
    static var searchDirectories: [String] {
        var directories = ["scenarios"]
        var url = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            directories.append(url.appendingPathComponent("scenarios").path)
            url.deleteLastPathComponent()
        }
        return directories
    }
}

/// Writing to the terminal.
enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Reads a whole text file with a size limit, for scripts and similar inputs.
enum TextFile {
    static func read(_ path: String, limit: Int) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ValidationError("\(path): no such file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ValidationError("\(path): cannot be read") }
        defer { try? handle.close() }
        let data = try handle.read(upToCount: limit + 1) ?? Data()
        guard data.count <= limit else {
            throw ValidationError("\(path): larger than the limit of \(limit / 1_048_576) MB")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("\(path): not UTF-8 text")
        }
        return text
    }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case json
    case md
}
