import CSV

/// Reads CSV text (RFC 4180, comma or tab separated) as one sheet: a row per record
/// (numbered from 1, as a spreadsheet numbers them), a cell per field (numbered from 1).
enum CSVSheetReader {
    static func read(_ text: String, name: String, cellBudget: inout Int) throws(WorksheetReader.Failure) -> Sheet {
        let delimiter = delimiter(of: text)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
        } catch {
            throw WorksheetReader.Failure(message: SpreadsheetMessage(.csvUnreadable, ["reason": "\(error)"]))
        }
        var rows: [SheetRow] = []
        var number = 0
        while let record = reader.next() {
            number += 1
            var cells: [Cell] = []
            for (index, field) in record.enumerated() {
                cellBudget -= 1
                guard cellBudget >= 0 else { throw WorksheetReader.Failure(message: WorksheetReader.tooManyCells) }
                let value = CellValue.text(unescapeFormula(field.unicodeScalars.contains("\r") ? OOXMLText.newlines(field) : field))
                if !value.isBlank { cells.append(Cell(CellReference(row: number, column: index + 1), value)) }
            }
            if !cells.isEmpty { rows.append(SheetRow(number: number, cells: cells)) }
        }
        return Sheet(name: name, rows: rows)
    }

    /// Tab when the first line has more tabs than commas (outside quotes), else comma.
    static func delimiter(of text: String) -> Unicode.Scalar {
        var tabs = 0, commas = 0
        var quoted = false
        for scalar in text.unicodeScalars.prefix(64 * 1024) {
            switch scalar {
            case "\"": quoted.toggle()
            case "\t" where !quoted: tabs += 1
            case "," where !quoted: commas += 1
            case "\n", "\r":
                if !quoted, tabs + commas > 0 { return tabs > commas ? "\t" : "," }
            default: break
            }
        }
        return tabs > commas ? "\t" : ","
    }

    /// A field that `msel export` protected from being run as a formula (`'=…`, `'+…`,
    /// `'-…`, `'@…`) reads without its apostrophe.
    static func unescapeFormula(_ field: String) -> String {
        guard field.hasPrefix("'"), let second = field.unicodeScalars.dropFirst().first, "=+-@".unicodeScalars.contains(second) else {
            return field
        }
        return String(field.dropFirst())
    }

    /// The field as `msel export` writes it: text a spreadsheet would run as a formula gets
    /// a leading apostrophe.
    static func escapeFormula(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) else { return field }
        return "'" + field
    }
}
