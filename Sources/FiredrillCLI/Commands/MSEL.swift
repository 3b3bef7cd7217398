import ArgumentParser
import FiredrillCore
import FiredrillSpreadsheets
import FiredrillYAML
import Foundation

extension Firedrill {
    struct MSEL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "msel",
            abstract: "Plan a drill in a spreadsheet: import an MSEL workbook or CSV file as a scenario, or export a scenario as one.",
            discussion: """
            An MSEL (master scenario events list) workbook has the sheets MSEL (one inject per \
            row), Scenario, Roles, Objectives and Survey, named in English or Japanese; a CSV \
            file is the MSEL sheet alone.
            """,
            subcommands: [Import.self, Export.self]
        )
    }
}

extension Firedrill.MSEL {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert an MSEL workbook (.xlsx) or CSV file to a scenario (YAML).",
            discussion: """
            Prints the scenario on standard output, or writes it to -o. Every problem is printed \
            as FILE:SHEET!CELL: message (a workbook) or FILE:ROW:COLUMN: message (CSV), all in \
            one pass. CSV files may be UTF-8 (with or without BOM), UTF-16 with BOM or \
            Windows-31J (Shift_JIS, as Japanese Excel saves them). Exits 1 when the result \
            would not validate (then nothing is written), 0 otherwise (warnings allowed). \
            --lang ja writes every message in Japanese, at the same cells; without --lang, \
            messages are in Japanese when the MSEL's headers are, else in English.
            """
        )

        @Argument(help: "The spreadsheet: .xlsx (or .xlsm) or .csv (also .tsv, .txt).")
        var file: String

        @Option(name: [.short, .customLong("output")], help: "Write the scenario to this file instead of standard output.")
        var output: String?

        @Option(name: .customLong("lang"), help: "Language of the messages: en or ja (default: ja when the MSEL's headers are Japanese, else en).")
        var language: Language?

        func run() throws {
            let limits = SpreadsheetLimits.default
            let data: Data
            switch InputFile.readBytes(file, limit: limits.maximumFileBytes) {
            case .success(let bytes): data = Data(bytes)
            case .failure(let diagnostic):
                Console.error(diagnostic.formatted(path: file, language: language ?? .english))
                throw ExitCode(1)
            }
            var result = MSELImport.read(data, fileName: file, language: language ?? .english, limits: limits)
            if language == nil, let headers = result.headerLanguage { result.language = headers }
            let language = result.language
            for line in result.formattedProblems { Console.error(line) }
            guard let yaml = result.yaml, result.scenario != nil else {
                let errors = result.problems.filter(\.isError).count
                let summary = SpreadsheetMessage(errors == 1 ? .notConvertedError : .notConvertedErrors, ["count": "\(errors)"])
                Console.error("\(file): " + summary.text(in: language))
                throw ExitCode(1)
            }
            if let output {
                do {
                    try yaml.write(toFile: output, atomically: true, encoding: .utf8)
                } catch {
                    Console.error("\(output): cannot be written (\(error.localizedDescription))")
                    throw ExitCode(1)
                }
                let scenario = result.scenario!
                let written = SpreadsheetMessage(.converted, [
                    "id": "\(scenario.id)", "injects": "\(scenario.injects.count)", "objectives": "\(scenario.objectives.count)", "roles": "\(scenario.roles.count)",
                ])
                Console.error("\(output): " + written.text(in: language))
            } else {
                Console.out(yaml)
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a scenario as an MSEL workbook (.xlsx) or as its MSEL sheet in CSV.",
            discussion: """
            The format follows the name given to -o. A workbook has the sheets MSEL, Scenario, \
            Roles, Objectives and Survey and imports back as the same scenario; a CSV file \
            (UTF-8 with BOM, as Excel opens it) holds the MSEL only. Bundled scenarios can be \
            named by id.
            """
        )

        @Argument(help: "The scenario file (.yaml, .yml or .json), or a bundled scenario's id.")
        var scenario: String

        @Option(name: [.short, .customLong("output")], help: "The spreadsheet to write: a name ending in .xlsx or .csv.")
        var output: String

        @Option(name: .customLong("lang"), help: "Language of the headers, sheet names and words: en or ja (default: the scenario's language).")
        var language: Language?

        func validate() throws {
            guard output.lowercased().hasSuffix(".xlsx") || output.lowercased().hasSuffix(".csv") else {
                throw ValidationError("-o must name an .xlsx or a .csv file")
            }
        }

        func run() throws {
            let input = try ScenarioInput(path: scenario)
            let format: SpreadsheetFormat = output.lowercased().hasSuffix(".csv") ? .csv : .xlsx
            let written: MSELExport.Output
            do {
                written = try MSELExport.write(input.scenario, format: format, language: language)
            } catch {
                throw CLIError("\(output): \(error.description)")
            }
            let wording = language ?? Language(tag: input.scenario.language)
            for warning in written.warnings {
                Console.error("\(output): \(SpreadsheetMessage(.warningPrefix).text(in: wording))\(warning.text(in: wording))")
            }
            do {
                try written.data.write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CLIError("\(output): cannot be written (\(error.localizedDescription))")
            }
            let done = SpreadsheetMessage(format == .csv ? .exportedCSV : .exportedWorkbook, [
                "id": "\(input.scenario.id)", "injects": "\(input.scenario.injects.count)",
            ])
            Console.error("\(output): \(done.text(in: wording))")
        }
    }
}
