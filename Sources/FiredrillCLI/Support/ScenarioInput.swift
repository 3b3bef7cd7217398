import ArgumentParser
import FiredrillCore
import FiredrillScenarios
import FiredrillYAML
import Foundation

/// Loads the scenario a command names, printing every problem and failing when it is invalid.
struct ScenarioInput {
    let loaded: ScenarioLoader.Loaded

    var scenario: Scenario { loaded.scenario! }

    /// The problems are written in `language` (a command's `--lang`), else in the scenario's
    /// language when it could be read, else in English.
    init(path: String, language: Language? = nil) throws {
        let resolved = ScenarioLocator.resolve(path)
        let loaded = ScenarioLoader().load(path: resolved)
        let language = language ?? loaded.scenario.map { Language(tag: $0.language) } ?? .english
        for line in loaded.formattedDiagnostics(in: language) { Console.error(line) }
        if let hint = ScenarioLocator.notFoundHint(path, resolved: resolved, language: language) { Console.error(hint) }
        guard loaded.scenario != nil else {
            Console.error("\(resolved): " + ValidationMessage(.scenarioNotValid, ["path": .verbatim(resolved)]).text(in: language))
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
    static func notFoundHint(_ argument: String, resolved: String, language: Language = .english) -> String? {
        guard resolved == argument, !argument.contains("/"), !FileManager.default.fileExists(atPath: argument) else { return nil }
        let names = BundledScenarios.all().map(\.name)
        guard !names.isEmpty else {
            return ValidationMessage(.noBundledScenarios, ["argument": .verbatim(argument)]).text(in: language)
        }
        let english = names.filter { !$0.hasSuffix("-ja") }
        return ValidationMessage(.notFound, [
            "argument": .verbatim(argument), "hint": ValidationMessage.hint(for: argument, among: names), "names": .list(english),
        ]).text(in: language)
    }
}
