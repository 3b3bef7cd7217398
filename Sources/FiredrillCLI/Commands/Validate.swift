import ArgumentParser
import FiredrillCore
import FiredrillYAML

extension Firedrill {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check scenario files against every rule of the format.",
            discussion: """
            Prints every problem as path:line:column: message and exits 1 if any file has an \
            error (warnings alone exit 0). Bundled scenarios can be named by id. With --lang ja \
            the messages are in Japanese, at the same positions.
            """
        )

        @Argument(help: "Scenario files (.yaml, .yml or .json).")
        var files: [String]

        @Flag(name: .shortAndLong, help: "Print nothing for valid files.")
        var quiet = false

        @Option(name: .customLong("lang"), help: "Language of the messages, whatever the scenario's language.")
        var language: Language = .english

        func run() throws {
            let loader = ScenarioLoader()
            var failed = 0
            for file in files {
                let path = ScenarioLocator.resolve(file)
                let loaded = loader.load(path: path)
                for line in loaded.formattedDiagnostics(in: language) { Console.error(line) }
                if let hint = ScenarioLocator.notFoundHint(file, resolved: path, language: language) { Console.error(hint) }
                if let scenario = loaded.scenario {
                    if !quiet {
                        let ok = ValidationMessage(.validFile, [
                            "id": .verbatim(scenario.id), "injects": .verbatim("\(scenario.injects.count)"),
                            "objectives": .verbatim("\(scenario.objectives.count)"), "roles": .verbatim("\(scenario.roles.count)"),
                        ])
                        Console.out("\(path): \(ok.text(in: language))\n")
                    }
                } else {
                    failed += 1
                }
            }
            if failed > 0 {
                let summary = ValidationMessage(files.count == 1 ? .invalidFile : .invalidFiles, [
                    "invalid": .verbatim("\(failed)"), "count": .verbatim("\(files.count)"),
                ])
                Console.error(summary.text(in: language))
                throw ExitCode(1)
            }
        }
    }
}
