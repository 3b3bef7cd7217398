import FiredrillCore
import Foundation

extension WorkbookMapper {
    /// The MSEL: one inject per row after the header row.
    mutating func readInjects(_ sheet: Sheet, header: HeaderRow) -> ScenarioTree {
        reportUnknownHeaders(header, in: sheet, layout: .msel, whereValuesGo: .word(english: "its values go to each inject's notes", japanese: "この列の値は各インジェクトの備考に入れます"))
        let dataRows = sheet.rows[(header.index + 1)...]
        reportHeaderlessColumns(header, in: sheet, rows: dataRows)
        requireColumns(["to", "channel", "subject"], of: header, in: sheet, layout: .msel)
        if header.columns["at"] == nil, header.columns["when"] == nil {
            error(at: position(header.reference(ofColumn: header.row.cells[0].reference.column), in: sheet),
                  .noTimeColumn, ["place": SpreadsheetMessage.sheetOrFile(sheet.name, csv: isCSV)])
            missingColumns.insert("msel.at")
        }
        let notesHeaders = header.unknown.map { ($0.column, $0.header) }
        var items: [ScenarioTree] = []
        for (index, row) in dataRows.enumerated() {
            guard items.count < limits.maximumInjects else {
                error(at: position(row.cells[0].reference, in: sheet), .tooManyInjects, ["maximum": "\(limits.maximumInjects)"])
                break
            }
            let cells = RowCells(row: row, header: header, sheet: sheet.name, isCSV: isCSV)
            let origin = cells.origin()
            var inject = ObjectBuilder()
            let id: String
            if let cell = cells.value("id") {
                let text = TextMatching.normalizeWidth(cell.value.text).trimmed
                id = Self.number(cell.value).map { "inject-\($0)" } ?? text
                inject.add("id", .string(id, from: cell.position))
            } else {
                id = "inject-\(index + 1)"
                inject.add("id", .string(id, from: origin))
            }
            if let cell = cells.value("at") {
                let (tree, seconds) = timeTreeAndSeconds(cell.value, at: cell.position, what: Self.column("time", "時刻"))
                inject.add("at", tree)
                if let seconds {
                    latestAt = max(latestAt ?? 0, seconds)
                    if firstTimedInject.map({ seconds < $0.seconds }) ?? true { firstTimedInject = (id, seconds) }
                }
            }
            if let cell = cells.value("when") { inject.add("when", textTree(cell.value, at: cell.position)) }
            if let cell = cells.value("delay") { inject.add("delay", timeTree(cell.value, at: cell.position, what: Self.column("delay", "遅延"))) }
            if let cell = cells.value("if") { inject.add("if", textTree(cell.value, at: cell.position)) }
            if let cell = cells.value("to") { inject.add("to", recipientsTree(cell.value, at: cell.position)) }
            if let cell = cells.value("channel"), let name = text(cell.value, at: cell.position) {
                inject.add("channel", .string(channelID(name, at: cell.position), from: cell.position))
            }
            if let cell = cells.value("from") { inject.add("from", textTree(cell.value, at: cell.position)) }
            if let cell = cells.value("subject") { inject.add("subject", textTree(cell.value, at: cell.position)) }
            if let cell = cells.value("body") { inject.add("body", textTree(cell.value, at: cell.position)) }
            if let cell = cells.value("expect") { inject.add("expect", textTree(cell.value, at: cell.position)) }
            inject.add("notes", notes(cells, unknownColumns: notesHeaders, in: sheet))
            rows[origin] = RowContext(layout: .msel, sheet: sheet.name, row: row.number, columns: header.columns)
            items.append(inject.tree(from: origin))
        }
        return ScenarioTree(.list(items), from: sheetPosition(sheet))
    }

    /// The notes cell, and under it a line `Header: value` for each column firedrill does not know.
    private mutating func notes(_ cells: RowCells, unknownColumns: [(Int, String)], in sheet: Sheet) -> ScenarioTree? {
        var notes: String? = nil
        var origin: SpreadsheetPosition? = nil
        if let cell = cells.value("notes") {
            notes = text(cell.value, at: cell.position)
            origin = cell.position
        }
        for (column, header) in unknownColumns {
            guard let value = cells.row[column] else { continue }
            let line = header + ": " + value.text
            notes = notes.map { $0 + ($0.hasSuffix("\n") ? "" : "\n") + line } ?? line
            origin = origin ?? position(CellReference(row: cells.row.number, column: column), in: sheet)
        }
        return notes.map { ScenarioTree.string($0, from: origin) }
    }

    /// Recipients: `all` (`全員`), or role ids or names separated by `,` `、` `;` `/` or line breaks.
    mutating func recipientsTree(_ value: CellValue, at position: SpreadsheetPosition) -> ScenarioTree {
        let items = CellList.items(value.text, slash: true)
        let everyone = items.filter { Words.everyone.matches(text: $0) }
        if items.count == 1, everyone.count == 1 { return .string("all", from: position) }
        if !everyone.isEmpty {
            error(at: position, .everyoneStandsAlone, ["word": "\(everyone[0])"])
            return .strings(items, from: position)
        }
        var ids: [String] = []
        for item in items {
            if let id = roles.id(for: item) {
                ids.append(id)
            } else {
                error(at: position, roles.unknownMessage(item, in: Self.column("to", "宛先")))
                ids.append(item)
            }
        }
        return .strings(ids, from: position)
    }

    /// A time cell as ``timeTree(_:at:what:)`` has it, and its seconds when it could be read.
    mutating func timeTreeAndSeconds(_ value: CellValue, at position: SpreadsheetPosition, what: SpreadsheetMessage.Value) -> (ScenarioTree, Int64?) {
        let seconds = try? DrillTimeCell.seconds(value).get()
        return (timeTree(value, at: position, what: what), seconds)
    }

    /// A whole number written as a number or as digits (`3`, `３`), for MSEL numbers.
    static func number(_ value: CellValue) -> Int? {
        switch value {
        case .number(let number, _):
            guard number >= 0, number < 1e9, number == number.rounded() else { return nil }
            return Int(number)
        case .text(let text):
            let digits = TextMatching.normalizeWidth(text).trimmed
            guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(digits)
        default:
            return nil
        }
    }
}
