/// A plain text table with right-aligned columns.
func table(_ rows: [[String]]) -> String {
    guard let first = rows.first else { return "" }
    let widths = first.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
        row.enumerated().map { column, cell in String(repeating: " ", count: widths[column] - cell.count) + cell }
            .joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
}
