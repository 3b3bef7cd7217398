import FiredrillCore
import FiredrillYAML
import Foundation

/// `msel import`: a spreadsheet (an MSEL workbook or CSV file) to scenario text.
///
/// The sheets become an ordered JSON tree that remembers the cell of every value; the tree
/// becomes YAML (``ScenarioTextConversion``), which the scenario loader checks by every rule
/// of the format. Every problem, the spreadsheet's and the loader's, is reported at its cell,
/// all in one pass.
public enum MSELImport {
    /// The outcome of importing one file.
    public struct Result: Sendable {
        /// The file's name, as messages name it.
        public var fileName: String
        public var format: SpreadsheetFormat?
        /// The encoding of a CSV file.
        public var encoding: CSVEncoding?
        /// The scenario text (YAML) when the scenario is valid.
        public var yaml: String?
        /// The validated scenario, when there were no errors.
        public var scenario: Scenario?
        /// Every problem, errors and warnings, in the file's order (sheet, row, column).
        public var problems: [SpreadsheetProblem]
        /// The language the problems are written in by ``formattedProblems``.
        public var language: Language = .english
        /// The language of the MSEL sheet's headers, when it has a header row.
        public var headerLanguage: Language?

        public var hasErrors: Bool { problems.contains(where: \.isError) }

        /// Each problem as `FILE:SHEET!CELL: message` (XLSX) or `FILE:ROW:COL: message` (CSV),
        /// in the language the file was read with.
        public var formattedProblems: [String] { formattedProblems(in: language) }

        /// Each problem in `language`, at the same position in every language.
        public func formattedProblems(in language: Language) -> [String] {
            problems.map { $0.formatted(file: fileName, language: language) }
        }
    }

    /// Imports a spreadsheet from its bytes; `fileName` says its format (`.xlsx`, `.xlsm`,
    /// `.csv`, `.tsv`; else its first bytes decide) and names it in messages and, without a
    /// Scenario sheet, gives the scenario its id and title. `language` is the one
    /// ``Result/formattedProblems`` writes the problems in (``Result/formattedProblems(in:)``
    /// writes them in any).
    public static func read(
        _ data: Data, fileName: String, language: Language = .english, limits: SpreadsheetLimits = .default,
        scenarioLimits: ValidationLimits = .default
    ) -> Result {
        var result = Result(fileName: fileName, format: nil, encoding: nil, yaml: nil, scenario: nil, problems: [], language: language)
        let read: SpreadsheetFile.Read
        switch SpreadsheetFile.read(data, fileName: fileName, limits: limits) {
        case .failure(let problem):
            result.problems = [problem]
            return result
        case .success(let value):
            read = value
        }
        result.format = read.format
        result.encoding = read.encoding
        var mapper = WorkbookMapper(workbook: read.workbook, fileName: fileName, isCSV: read.format == .csv, limits: scenarioLimits)
        let tree = mapper.map()
        result.headerLanguage = mapper.headerLanguage
        var problems = read.workbook.problems + mapper.problems
        if let tree, !mapper.fatal {
            let yaml: String
            do {
                yaml = try ScenarioTextConversion.convert(tree.json, to: .yaml)
            } catch {
                problems.append(.error(at: nil, .notWritable, ["detail": "\(error.description)"]))
                result.problems = sorted(problems, workbook: read.workbook)
                return result
            }
            let loaded = ScenarioLoader(limits: scenarioLimits).load(data: Data(yaml.utf8), path: fileName + ".yaml")
            if !loaded.diagnostics.items.isEmpty {
                let mapping = LoaderProblemMapper(tree: tree, yaml: yaml)
                for diagnostic in loaded.diagnostics.items {
                    if let problem = mapping.problem(for: diagnostic, mapper: mapper) { problems.append(problem) }
                }
                if loaded.diagnostics.dropped > 0 {
                    problems.append(.error(at: nil, .moreProblems, ["count": "\(loaded.diagnostics.dropped)"]))
                }
            }
            if !problems.contains(where: \.isError), let scenario = loaded.scenario {
                result.scenario = scenario
                result.yaml = yaml
            }
        }
        result.problems = sorted(problems, workbook: read.workbook)
        return result
    }

    /// The most problems reported for one file; a sheet wrong in every row says enough by then.
    static let maximumProblems = 1_000

    /// Problems of the whole file first, then by sheet (in the workbook's order), row and
    /// column; each once, and at most ``maximumProblems`` of them.
    static func sorted(_ problems: [SpreadsheetProblem], workbook: Workbook) -> [SpreadsheetProblem] {
        var order: [String: Int] = [:]
        for (index, sheet) in workbook.sheets.enumerated() { order[sheet.name] = index }
        func key(_ position: SpreadsheetPosition?) -> (Int, Int, Int) {
            switch position {
            case nil: (-1, 0, 0)
            case .sheet(let name)?: (order[name] ?? Int.max, 0, 0)
            case .cell(let name, let reference)?: (order[name] ?? Int.max, reference.row, reference.column)
            case .field(let row, let column)?: (0, row, column)
            }
        }
        var seen: Set<SpreadsheetProblem> = []
        let unique = problems.filter { seen.insert($0).inserted }
        var sorted = unique.enumerated().sorted { lhs, rhs in
            let (l, r) = (key(lhs.element.position), key(rhs.element.position))
            return l != r ? l < r : lhs.offset < rhs.offset
        }.map(\.element)
        if sorted.count > maximumProblems {
            let more = sorted.count - maximumProblems
            sorted.removeLast(more)
            sorted.append(.error(at: nil, .moreProblems, ["count": "\(more)"]))
        }
        return sorted
    }
}
