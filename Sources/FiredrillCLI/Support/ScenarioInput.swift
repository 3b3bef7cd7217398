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
