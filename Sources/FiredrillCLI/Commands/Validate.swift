import ArgumentParser
import FiredrillCore
import FiredrillYAML

extension Firedrill {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check scenario files against every rule of the format.",
            discussion: """
            Prints every problem as path:line:column: message and exits 1 if any file has an \
            error (warnings alone exit 0). Bundled scenarios can be named by id.
            """
        )

        @Argument(help: "Scenario files (.yaml, .yml or .json).")
        var files: [String]

        @Flag(name: .shortAndLong, help: "Print nothing for valid files.")
        var quiet = false

        func run() throws {
            let loader = ScenarioLoader()
            var failed = 0
            for file in files {
                let path = ScenarioLocator.resolve(file)
                let loaded = loader.load(path: path)
                for line in loaded.formattedDiagnostics { Console.error(line) }
                if let hint = ScenarioLocator.notFoundHint(file, resolved: path) { Console.error(hint) }
                if let scenario = loaded.scenario {
                    if !quiet {
                        Console.out("\(path): ok — '\(scenario.id)', \(scenario.injects.count) injects, \(scenario.objectives.count) objectives, \(scenario.roles.count) roles\n")
                    }
                } else {
                    failed += 1
                }
            }
            if failed > 0 {
                Console.error("\(failed) of \(files.count) file\(files.count == 1 ? "" : "s") invalid")
                throw ExitCode(1)
            }
        }
    }
}
