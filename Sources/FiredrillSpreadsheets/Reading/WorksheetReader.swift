import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One worksheet's cells (a `worksheet` part), read as a stream: values by their type,
/// numbers with their style's format, formulas by their cached value, merged ranges filled
/// with the value of their top-left cell, empty rows left out.
///
/// A worksheet holds every cell of the MSEL (tens of thousands), so it is read with
/// Foundation's event parser, the one SWXMLHash builds its trees with, without building a
/// tree: a third of the time, and the cell budget stops a hostile sheet while it is read
/// rather than after its whole tree is in memory.
struct WorksheetReader {
    let name: String
    let sharedStrings: [String]
    let formats: NumberFormats

    struct Failure: Error {
        var message: SpreadsheetMessage
    }

    /// Reads the sheet, spending one unit of `cellBudget` per cell (filled-in merged cells
    /// included) and noting problems of single cells in `problems`.
    func read(_ data: Data, part: String, cellBudget: inout Int, problems: inout [SpreadsheetProblem]) throws(Failure) -> Sheet {
        let stream = Stream(reader: self, cellBudget: cellBudget)
        do {
            try XMLPart.stream(data, name: part, delegate: stream)
        } catch {
            throw Failure(message: stream.failure ?? error.message)
        }
        if let failure = stream.failure { throw Failure(message: failure) }
        guard stream.sawWorksheet else { throw Failure(message: SpreadsheetMessage(.notWorksheetPart, ["sheet": "\(name)"])) }
        var rows = stream.rows
        if !stream.inOrder { rows.sort { $0.number < $1.number } }
        cellBudget = stream.cellBudget
        problems += stream.problems
        try fillMerged(stream.merges, in: &rows, maximumColumn: stream.maximumColumn, cellBudget: &cellBudget)
        return Sheet(name: name, rows: rows)
    }

    static let tooManyCells = SpreadsheetMessage(.tooManyCells)

    /// The events of a worksheet, turned into rows of cells as they come.
    fileprivate final class Stream: NSObject, XMLParserDelegate {
        let reader: WorksheetReader
        var cellBudget: Int
        var rows: [SheetRow] = []
        var problems: [SpreadsheetProblem] = []
        var merges: [String] = []
        var failure: SpreadsheetMessage?
        var sawWorksheet = false
        var inOrder = true
        var maximumColumn = 0

        // Where the stream is.
        private var depth = 0
        private var sheetDataDepth: Int?
        private var rowNumber = 0
        private var previousColumn = 0
        private var cells: [Cell] = []
        private var cell: PendingCell?

        init(reader: WorksheetReader, cellBudget: Int) {
            self.reader = reader
            self.cellBudget = cellBudget
        }

        private func fail(_ parser: XMLParser, _ message: SpreadsheetMessage) {
            if failure == nil { failure = message }
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            depth += 1
            let element = XMLPart.localName(element)
            // Inside a cell: its value, formula, inline string (mutated in place, not copied).
            if cell != nil {
                switch element {
                case "v":
                    cell!.collecting = true
                    if cell!.value == nil { cell!.value = "" }
                case "f": cell!.hasFormula = true
                case "is": if cell!.inline == nil { cell!.inline = "" }
                case "rPh": cell!.phoneticDepth += 1
                case "t" where cell!.inline != nil && cell!.phoneticDepth == 0: cell!.collecting = true
                default: break
                }
                return
            }
            switch element {
            case "worksheet" where depth == 1:
                sawWorksheet = true
            case "sheetData":
                sheetDataDepth = depth
            case "row" where sheetDataDepth != nil:
                var number = rowNumber + 1
                if let text = attributes["r"] {
                    guard let value = Int(text), (1...CellReference.maximumRow).contains(value) else {
                        return fail(parser, SpreadsheetMessage(.badRowNumber, ["sheet": "\(reader.name)", "number": "\(text.prefix(20))"]))
                    }
                    number = value
                }
                if number <= rowNumber { inOrder = false }
                rowNumber = number
                previousColumn = 0
                cells = []
            case "c" where sheetDataDepth != nil:
                var reference = CellReference(row: rowNumber, column: previousColumn + 1)
                if let text = attributes["r"] {
                    guard let parsed = CellReference(text) else {
                        return fail(parser, SpreadsheetMessage(.badCellName, ["sheet": "\(reader.name)", "name": "\(text.prefix(20))"]))
                    }
                    reference = CellReference(row: rowNumber, column: parsed.column)
                }
                guard reference.column <= CellReference.maximumColumn else {
                    return fail(parser, SpreadsheetMessage(.cellBeyondLastColumn, ["sheet": "\(reader.name)"]))
                }
                previousColumn = reference.column
                cellBudget -= 1
                guard cellBudget >= 0 else { return fail(parser, WorksheetReader.tooManyCells) }
                cell = PendingCell(reference: reference, type: attributes["t"] ?? "n", style: attributes["s"].flatMap { Int($0) } ?? 0)
            case "mergeCell":
                if let ref = attributes["ref"] { merges.append(ref) }
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard cell?.collecting == true else { return }
            if cell!.inline != nil, cell!.value == nil { cell!.inline! += string } else { cell!.value! += string }
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            self.parser(parser, foundCharacters: String(decoding: block, as: UTF8.self))
        }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            defer { depth -= 1 }
            let element = XMLPart.localName(element)
            if let pending = cell {
                switch element {
                case "c":
                    cell = nil
                    if let value = reader.value(of: pending, problems: &problems), !value.isBlank {
                        cells.append(Cell(pending.reference, value))
                        maximumColumn = max(maximumColumn, pending.reference.column)
                    }
                case "v", "t": cell!.collecting = false
                case "rPh": cell!.phoneticDepth -= 1
                default: break
                }
                return
            }
            switch element {
            case "row" where sheetDataDepth != nil:
                if !cells.isEmpty {
                    if cells.indices.dropFirst().contains(where: { cells[$0 - 1].reference.column >= cells[$0].reference.column }) {
                        cells.sort { $0.reference.column < $1.reference.column }
                    }
                    rows.append(SheetRow(number: rowNumber, cells: cells))
                }
                cells = []
            case "sheetData":
                sheetDataDepth = nil
            default:
                break
            }
        }
    }

    /// The value of a `c` element; `nil` when it holds none.
    fileprivate func value(of cell: PendingCell, problems: inout [SpreadsheetProblem]) -> CellValue? {
        let position = SpreadsheetPosition.cell(sheet: name, cell.reference)
        if cell.type == "inlineStr" {
            return cell.inline.map { .text(OOXMLText.decode($0)) }
        }
        guard let stored = cell.value else {
            if cell.hasFormula {
                problems.append(.warning(at: position, .formulaWithoutValue))
            }
            return nil
        }
        switch cell.type {
        case "s":
            guard let index = Int(stored) ?? Int(stored.trimmed), sharedStrings.indices.contains(index) else {
                problems.append(.error(at: position, .missingSharedString, ["number": "\(stored.prefix(12))"]))
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
            guard let number = Double(stored) ?? Double(stored.trimmed), number.isFinite else {
                problems.append(.error(at: position, .unreadableNumber, ["number": "\(stored.prefix(24))"]))
                return nil
            }
            return .number(number, format: formats.kind(ofStyle: cell.style))
        }
    }

    /// Gives each cell of a merged range the value of its top-left cell, in the rows that
    /// have other content and up to the last column with content (a range over a whole
    /// column or row costs nothing for the rows and columns that are empty).
    private func fillMerged(_ merges: [String], in rows: inout [SheetRow], maximumColumn: Int, cellBudget: inout Int) throws(Failure) {
        guard !merges.isEmpty, !rows.isEmpty else { return }
        var rowIndex: [Int: Int] = [:]
        for (index, row) in rows.enumerated() { rowIndex[row.number] = index }
        let numbers = rows.map(\.number)
        for ref in merges {
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

/// A `c` element being read.
private struct PendingCell {
    var reference: CellReference
    var type: String
    var style: Int
    var value: String?
    var inline: String?
    var hasFormula = false
    /// Inside `v`, or a `t` of an inline string (and not of its phonetic guide).
    var collecting = false
    var phoneticDepth = 0
}
