import FiredrillCore
import Foundation

/// `msel export`: a scenario as a spreadsheet, headers in English or Japanese.
///
/// A workbook has every sheet (MSEL, Scenario, Roles, Objectives and, when there is one,
/// Survey) and reads back as the same scenario. A CSV file is the MSEL sheet alone: read
/// back, its injects are the same (ids, times, triggers, recipients, channels and every
/// text), while the scenario's id, title and duration, its roles' names, departments and
/// personas, its objectives and its survey are not in it.
public enum MSELExport {
    public struct Output: Sendable {
        public var data: Data
        /// What the file cannot hold as the scenario has it, in no language yet.
        public var warnings: [SpreadsheetMessage]
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The scenario as a file of `format`, headers in `language` (default: the scenario's own).
    public static func write(_ scenario: Scenario, format: SpreadsheetFormat, language: Language? = nil) throws(Failure) -> Output {
        var sheets = ScenarioSheets(scenario, language: language ?? Language(tag: scenario.language))
        switch format {
        case .xlsx:
            let tables = sheets.all()
            do {
                return Output(data: try XLSXWriter.write(tables), warnings: sheets.warnings)
            } catch {
                throw Failure(description: error.message)
            }
        case .csv:
            let table = sheets.msel()
            var warnings = sheets.warnings
            warnings.append(SpreadsheetMessage(.exportCSVHoldsMSELOnly))
            return Output(data: CSVFileWriter.write(table), warnings: warnings)
        }
    }
}
