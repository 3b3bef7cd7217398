import ArgumentParser
import FiredrillCore
import FiredrillScenarios
import FiredrillYAML
import Foundation

/// Loads the scenario a command names, printing every problem and failing when it is invalid.
struct ScenarioInput {
    let loaded: ScenarioLoader.Loaded

    var scenario: Scenario { loaded.scenario! }

    init(path: String) throws {
        let resolved = ScenarioLocator.resolve(path)
        let loaded = ScenarioLoader().load(path: resolved)
        for line in loaded.formattedDiagnostics { Console.error(line) }
        guard loaded.scenario != nil else {
            Console.error("\(resolved): the scenario is not valid; fix the problems above (firedrill validate \(resolved))")
            throw ExitCode(2)
        }
        self.loaded = loaded
    }
}

/// Where a scenario named on the command line is found.
enum ScenarioLocator {
    /// A path as given when it names a file; else, for a bare name such as
    /// `cloud-region-outage` or `cloud-region-outage-ja`, a file of that name in `scenarios/`
    /// of the working directory, then the bundled scenario of that name.
    static func resolve(_ argument: String) -> String {
        if FileManager.default.fileExists(atPath: argument) || argument.contains("/") { return argument }
        for suffix in [".yaml", ".yml", ".json"] {
            let candidate = "scenarios/" + argument + suffix
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return BundledScenarios.named(argument)?.path ?? argument
    }
}
