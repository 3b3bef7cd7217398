import FiredrillCore
import Foundation

/// A sheet's header row: which column holds which key, and the headers nobody knows.
struct HeaderRow: Sendable {
    /// The position of the header row in ``Sheet/rows``.
    var index: Int
    var row: SheetRow
    /// The column of each key the headers name (the first column, when two name the same key).
    var columns: [String: Int]
    /// Headers that name no key, or a key an earlier column already has: their column and text.
    var unknown: [(column: Int, header: String, duplicateOf: String?)]
    /// The language most of the known headers are written in.
    var language: Language

    /// The first row with at least ``SheetLayout/headerThreshold`` known headers, among
    /// the first 50 rows (a title block above the table is fine).
    static func find(in sheet: Sheet, layout: SheetLayout) -> HeaderRow? {
        let lookup = Self.lookup(layout)
        for (index, row) in sheet.rows.prefix(50).enumerated() {
            var columns: [String: Int] = [:]
            var unknown: [(column: Int, header: String, duplicateOf: String?)] = []
            var known = 0
            var japanese = 0
            for cell in row.cells {
                let header = cell.value.text.trimmed
                guard !header.isEmpty else { continue }
                if let (key, isJapanese) = lookup[HeaderText.normalize(header)] {
                    known += 1
                    if isJapanese { japanese += 1 }
                    if columns[key] == nil { columns[key] = cell.reference.column } else {
                        unknown.append((cell.reference.column, header, key))
                    }
                } else {
                    unknown.append((cell.reference.column, header, nil))
                }
            }
            if known >= layout.headerThreshold {
                return HeaderRow(index: index, row: row, columns: columns, unknown: unknown,
                                 language: japanese * 2 > known ? .japanese : .english)
            }
        }
        return nil
    }

    /// Normalized header → (key, whether the header is a Japanese one).
    static func lookup(_ layout: SheetLayout) -> [String: (String, Bool)] {
        var map: [String: (String, Bool)] = [:]
        for column in layout.columns {
            for header in column.headers.english where map[HeaderText.normalize(header)] == nil {
                map[HeaderText.normalize(header)] = (column.key, false)
            }
            for header in column.headers.japanese where map[HeaderText.normalize(header)] == nil {
                map[HeaderText.normalize(header)] = (column.key, true)
            }
        }
        return map
    }

    /// The header cell of `column`.
    func reference(ofColumn column: Int) -> CellReference {
        CellReference(row: row.number, column: column)
    }
}
