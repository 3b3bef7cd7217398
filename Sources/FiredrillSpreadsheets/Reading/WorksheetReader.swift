import Foundation
import SWXMLHash

/// One worksheet's cells (a `worksheet` part): values by their type, numbers with their
/// style's format, formulas by their cached value, merged ranges filled with the value of
/// their top-left cell, empty rows left out.
struct WorksheetReader {
    let name: String
    let sharedStrings: [String]
    let formats: NumberFormats

    struct Failure: Error {
        var message: String
    }

    /// Reads the sheet, spending one unit of `cellBudget` per cell (filled-in merged cells
    /// included) and noting problems of single cells in `problems`.
    func read(_ root: SWXMLHash.XMLElement, cellBudget: inout Int, problems: inout [SpreadsheetProblem]) throws(Failure) -> Sheet {
        var rows: [SheetRow] = []
        var previousRow = 0
        var maximumColumn = 0
        var inOrder = true
        if let data = XMLPart.child(root, named: "sheetData") {
            for rowElement in XMLPart.children(data, named: "row") {
                var number = previousRow + 1
                if let text = XMLPart.attribute(rowElement, "r") {
                    guard let value = Int(text), (1...CellReference.maximumRow).contains(value) else {
                        throw Failure(message: "is damaged: sheet \(name) has a row numbered \"\(text.prefix(20))\"")
                    }
                    number = value
                }
                if number <= previousRow { inOrder = false }
                previousRow = number
                var cells: [Cell] = []
                var previousColumn = 0
                for cellElement in XMLPart.children(rowElement, named: "c") {
                    var reference = CellReference(row: number, column: previousColumn + 1)
                    if let text = XMLPart.attribute(cellElement, "r") {
                        guard let parsed = CellReference(text) else {
                            throw Failure(message: "is damaged: sheet \(name) has a cell named \"\(text.prefix(20))\"")
                        }
                        reference = CellReference(row: number, column: parsed.column)
                    }
                    guard reference.column <= CellReference.maximumColumn else {
                        throw Failure(message: "is damaged: sheet \(name) has a cell beyond the last column")
                    }
                    previousColumn = reference.column
                    cellBudget -= 1
                    guard cellBudget >= 0 else { throw Failure(message: Self.tooManyCells) }
                    guard let value = value(of: cellElement, at: reference, problems: &problems) else { continue }
                    if value.isBlank { continue }
                    cells.append(Cell(reference, value))
                    maximumColumn = max(maximumColumn, reference.column)
                }
                if !cells.isEmpty {
                    if cells.indices.dropFirst().contains(where: { cells[$0 - 1].reference.column >= cells[$0].reference.column }) {
                        cells.sort { $0.reference.column < $1.reference.column }
                    }
                    rows.append(SheetRow(number: number, cells: cells))
                }
            }
        }
        if !inOrder { rows.sort { $0.number < $1.number } }
        if let merges = XMLPart.child(root, named: "mergeCells") {
            try fillMerged(XMLPart.children(merges, named: "mergeCell"), in: &rows, maximumColumn: maximumColumn, cellBudget: &cellBudget)
        }
        return Sheet(name: name, rows: rows)
    }

    static let tooManyCells = "has more cells than firedrill reads from one file; keep the MSEL's sheets to what the drill needs"

    /// The value of a `c` element; `nil` when it holds none.
    private func value(of cell: SWXMLHash.XMLElement, at reference: CellReference, problems: inout [SpreadsheetProblem]) -> CellValue? {
        let type = XMLPart.attribute(cell, "t") ?? "n"
        let stored = XMLPart.child(cell, named: "v")?.text
        let position = SpreadsheetPosition.cell(sheet: name, reference)
        if type == "inlineStr" {
            return XMLPart.child(cell, named: "is").map { .text(SharedStrings.text($0)) }
        }
        guard let stored else {
            if XMLPart.child(cell, named: "f") != nil {
                problems.append(.warning(at: position, "the formula has no saved value, so the cell reads as empty; open the file in Excel or LibreOffice and save it again so that its results are stored"))
            }
            return nil
        }
        switch type {
        case "s":
            guard let index = Int(stored.trimmed), sharedStrings.indices.contains(index) else {
                problems.append(.error(at: position, "the cell refers to shared text number \(stored.prefix(12)), which the workbook does not have (the file is damaged)"))
                return nil
            }
            return .text(sharedStrings[index])
        case "str", "d":
            return .text(OOXMLText.decode(stored))
        case "b":
            return .bool(stored.trimmed == "1")
        case "e":
            return .error(stored)
        default:
            guard let number = Double(stored.trimmed), number.isFinite else {
                problems.append(.error(at: position, "the cell's number \"\(stored.prefix(24))\" cannot be read (the file is damaged)"))
                return nil
            }
            let style = XMLPart.attribute(cell, "s").flatMap { Int($0) } ?? 0
            return .number(number, format: formats.kind(ofStyle: style))
        }
    }

    /// Gives each cell of a merged range the value of its top-left cell, in the rows that
    /// have other content and up to the last column with content (a range over a whole
    /// column or row costs nothing for the rows and columns that are empty).
    private func fillMerged(_ merges: [SWXMLHash.XMLElement], in rows: inout [SheetRow], maximumColumn: Int, cellBudget: inout Int) throws(Failure) {
        guard !merges.isEmpty, !rows.isEmpty else { return }
        var rowIndex: [Int: Int] = [:]
        for (index, row) in rows.enumerated() { rowIndex[row.number] = index }
        let numbers = rows.map(\.number)
        for merge in merges {
            guard let ref = XMLPart.attribute(merge, "ref") else { continue }
            let corners = ref.split(separator: ":")
            guard corners.count == 2, let first = CellReference(corners[0]), let last = CellReference(corners[1]),
                  first.row <= last.row, first.column <= last.column
            else { continue }
            guard let topIndex = rowIndex[first.row], let value = rows[topIndex][first.column] else { continue }
            // The rows with content inside the range, found by binary search.
            var lower = 0, upper = numbers.count
            while lower < upper {
                let middle = (lower + upper) / 2
                if numbers[middle] < first.row { lower = middle + 1 } else { upper = middle }
            }
            var index = lower
            while index < numbers.count, numbers[index] <= last.row {
                for column in first.column...min(last.column, max(maximumColumn, first.column)) {
                    if numbers[index] == first.row, column == first.column { continue }
                    guard rows[index][column] == nil else { continue }
                    cellBudget -= 1
                    guard cellBudget >= 0 else { throw Failure(message: Self.tooManyCells) }
                    rows[index].cells.append(Cell(CellReference(row: numbers[index], column: column), value))
                }
                rows[index].cells.sort { $0.reference.column < $1.reference.column }
                index += 1
            }
        }
    }
}
