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
        if let hint = ScenarioLocator.notFoundHint(path, resolved: resolved) { Console.error(hint) }
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

    /// For a bare name that is neither a file nor a bundled scenario, what there is to choose
    /// from; `nil` otherwise.
    static func notFoundHint(_ argument: String, resolved: String) -> String? {
        guard resolved == argument, !argument.contains("/"), !FileManager.default.fileExists(atPath: argument) else { return nil }
        let names = BundledScenarios.all().map(\.name)
        guard !names.isEmpty else {
            return "'\(argument)' is not a file, and this firedrill has no bundled scenarios (its resource folder is missing)"
        }
        let english = names.filter { !$0.hasSuffix("-ja") }
        return "'\(argument)' is not a file nor a bundled scenario\(Suggestions.hint(for: argument, among: names)) "
            + "(bundled: \(english.joined(separator: ", ")), each also as <id>-ja)"
    }
}
