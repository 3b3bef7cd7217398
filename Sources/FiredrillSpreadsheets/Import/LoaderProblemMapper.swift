import FiredrillCore
import Foundation
import Yams

/// Shows the loader's problems with the generated scenario text at the cells its values came
/// from. The text is composed once more to find where each value of the tree landed (line and
/// column); a problem goes to the value at or before its position, and from there to that
/// value's cell. A problem with a whole entry (a missing key) goes to that key's cell in the
/// entry's row; a problem in a cell already reported while reading it is not repeated; the
/// text's line numbers in messages become cells.
struct LoaderProblemMapper {
    private struct Place {
        var location: SourceLocation
        var origin: SpreadsheetPosition?
        /// The value is an entry (a row's object), not a single cell's value.
        var isEntry: Bool
    }

    private var places: [Place] = []
    private var firstOnLine: [Int: SpreadsheetPosition] = [:]

    init(tree: ScenarioTree, yaml: String) {
        guard let node = try? Yams.compose(yaml: yaml) else { return }
        walk(node, tree, inherited: nil)
        // Stable: of two values at one place (an entry and its first key), the entry comes first.
        places = places.enumerated().sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }.map(\.element)
    }

    private mutating func walk(_ node: Yams.Node, _ tree: ScenarioTree, inherited: SpreadsheetPosition?) {
        let origin = tree.origin ?? inherited
        var isEntry = false
        if case .object = tree.value { isEntry = true }
        record(node, origin, isEntry: isEntry)
        switch (node, tree.value) {
        case (.mapping(let mapping), .object(let entries)):
            for ((key, value), entry) in zip(mapping, entries) {
                record(key, entry.value.origin ?? origin, isEntry: false)
                walk(value, entry.value, inherited: origin)
            }
        case (.sequence(let sequence), .list(let items)):
            for (item, itemTree) in zip(sequence, items) { walk(item, itemTree, inherited: origin) }
        default:
            break
        }
    }

    private mutating func record(_ node: Yams.Node, _ origin: SpreadsheetPosition?, isEntry: Bool) {
        guard let mark = node.mark else { return }
        places.append(Place(location: SourceLocation(line: mark.line, column: mark.column), origin: origin, isEntry: isEntry))
        // A line names the first cell on it (a list that starts on an entry's line is the sheet's).
        if let origin {
            if let first = firstOnLine[mark.line], case .sheet = first { firstOnLine[mark.line] = origin }
            if firstOnLine[mark.line] == nil { firstOnLine[mark.line] = origin }
        }
    }

    /// The value at `location`, or the last one before it.
    private func place(at location: SourceLocation) -> Place? {
        var lower = 0, upper = places.count
        while lower < upper {
            let middle = (lower + upper) / 2
            if places[middle].location <= location { lower = middle + 1 } else { upper = middle }
        }
        guard lower > 0 else { return nil }
        // The first of the values at that very place.
        var index = lower - 1
        while index > 0, places[index - 1].location == places[index].location { index -= 1 }
        return places[index]
    }

    /// The loader's diagnostic as a problem of the spreadsheet; `nil` when it repeats one.
    /// The problem keeps the loader's message, in no language yet: the text's line numbers
    /// become cells, and a missing key of an entry becomes an empty cell, in every language.
    func problem(for diagnostic: Diagnostic, mapper: WorkbookMapper) -> SpreadsheetProblem? {
        let lines = cellsOfLines(in: diagnostic.message)
        var message = SpreadsheetMessage(.loaderProblem, ["problem": .loader(diagnostic.problem, lines: lines)])
        guard let location = diagnostic.location else {
            return SpreadsheetProblem(diagnostic.severity, at: nil, message)
        }
        let english = message.text(in: .english)
        let found = place(at: location)
        var position = found?.origin
        if let found, found.isEntry, found.location == location, let origin = found.origin, let row = mapper.rows[origin],
           let key = Self.missingKey(in: english) {
            if mapper.missingColumns.contains(row.layout.rawValue + "." + key)
                || (key == "at" && mapper.missingColumns.contains(row.layout.rawValue + ".at")) {
                return nil
            }
            if let column = row.columns[key] ?? (key == "at" ? row.columns["when"] : nil) {
                position = SpreadsheetPosition.at(CellReference(row: row.row, column: column), in: row.sheet, csv: mapper.isCSV)
                message = Self.rewordMissingKey(diagnostic.problem, message)
            }
        }
        if diagnostic.severity == .error, let position, mapper.flagged.contains(position) { return nil }
        if mapper.isCSV, english.contains("unknown objective") {
            message = SpreadsheetMessage(.csvHasNoObjectives, ["problem": .message(message)])
        }
        return SpreadsheetProblem(diagnostic.severity, at: position, message)
    }

    /// The key a problem with a whole entry is about: a required key that is missing.
    static func missingKey(in message: String) -> String? {
        if let range = message.range(of: "is missing the required key '") {
            return String(message[range.upperBound...].prefix { $0 != "'" })
        }
        if message.contains("needs either 'at:'") { return "at" }
        if message.contains("needs 'to:'") { return "to" }
        return nil
    }

    /// `an inject is missing the required key 'subject'` → `subject is empty; an inject needs one`
    /// (in Japanese, 「subject」（件名）が空です。インジェクトには必須です).
    static func rewordMissingKey(_ problem: ValidationMessage, _ message: SpreadsheetMessage) -> SpreadsheetMessage {
        guard problem.key == .missingKey, let what = problem.values["what"], case .verbatim(let key)? = problem.values["key"] else { return message }
        return SpreadsheetMessage(.requiredCellEmpty, [
            "key": .word(english: key, japanese: ValidationMessage.Value.name(key).text(in: .japanese)),
            "what": .validation(what),
        ])
    }

    /// The cells that the lines named in a message (`line 12`, the generated text's) stand for.
    private func cellsOfLines(in message: String) -> [Int: SpreadsheetPosition] {
        var cells: [Int: SpreadsheetPosition] = [:]
        var rest = Substring(message)
        while let range = rest.range(of: "line ") {
            let digits = rest[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            if let line = Int(digits), let origin = firstOnLine[line] { cells[line] = origin }
            rest = rest[range.upperBound...].dropFirst(digits.count)
        }
        return cells
    }
}
