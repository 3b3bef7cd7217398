import FiredrillCore
import Foundation

/// Where in a spreadsheet file a problem is.
public enum SpreadsheetPosition: Sendable, Hashable {
    /// A cell of a workbook's sheet: `plan.xlsx:MSEL!C7`.
    case cell(sheet: String, CellReference)
    /// A field of a CSV file, by record and field, both from 1: `plan.csv:7:3`.
    case field(row: Int, column: Int)
    /// A whole sheet: `plan.xlsx:Roles`.
    case sheet(String)

    /// The position as the messages write it, after the file's name and a colon.
    public var description: String {
        switch self {
        case .cell(let sheet, let reference): return Self.quoted(sheet) + "!" + reference.description
        case .field(let row, let column): return "\(row):\(column)"
        case .sheet(let sheet): return Self.quoted(sheet)
        }
    }

    /// A sheet's name as a formula names it: quoted when it holds anything but letters, digits and `_`.
    static func quoted(_ name: String) -> String {
        guard name.isEmpty || name.contains(where: { !($0.isLetter || $0.isNumber || $0 == "_") }) else { return name }
        return "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The same place as seen in a CSV file or a workbook: the cell, or the CSV field.
    static func at(_ reference: CellReference, in sheet: String, csv: Bool) -> SpreadsheetPosition {
        csv ? .field(row: reference.row, column: reference.column) : .cell(sheet: sheet, reference)
    }
}

/// A problem found while reading a spreadsheet or the scenario it makes, with where it is.
public struct SpreadsheetProblem: Sendable, Hashable, Error {
    public var severity: Diagnostic.Severity
    /// `nil` for problems of the whole file (it cannot be read at all).
    public var position: SpreadsheetPosition?
    /// What is wrong, in no language yet.
    public var problem: SpreadsheetMessage

    /// What is wrong, in English.
    public var message: String { problem.text(in: .english) }

    public init(_ severity: Diagnostic.Severity, at position: SpreadsheetPosition?, _ problem: SpreadsheetMessage) {
        self.severity = severity
        self.position = position
        self.problem = problem
    }

    public static func error(at position: SpreadsheetPosition?, _ key: SpreadsheetMessage.Key, _ values: [String: SpreadsheetMessage.Value] = [:]) -> SpreadsheetProblem {
        SpreadsheetProblem(.error, at: position, SpreadsheetMessage(key, values))
    }

    public static func warning(at position: SpreadsheetPosition?, _ key: SpreadsheetMessage.Key, _ values: [String: SpreadsheetMessage.Value] = [:]) -> SpreadsheetProblem {
        SpreadsheetProblem(.warning, at: position, SpreadsheetMessage(key, values))
    }

    public var isError: Bool { severity == .error }

    /// `plan.xlsx:MSEL!C7: message`, `plan.csv:7:3: warning: message`.
    public func formatted(file: String) -> String {
        formatted(file: file, language: .english)
    }

    /// `plan.xlsx:MSEL!C7: message` in `language`: the same position in every language, with
    /// `warning: ` (or 警告：) before the message for warnings.
    public func formatted(file: String, language: Language) -> String {
        let place = position.map { file + ":" + $0.description } ?? file
        let prefix = severity == .warning ? SpreadsheetMessage(.warningPrefix).text(in: language) : ""
        return place + ": " + prefix + problem.text(in: language)
    }
}
