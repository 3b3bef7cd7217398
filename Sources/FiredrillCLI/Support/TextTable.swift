import FiredrillCore

/// A plain text table with right-aligned columns, aligned by display width (a Japanese
/// character takes two columns). Every cell is shown as one line with its control
/// characters neutralised, so a stored value can neither break the table nor act on the
/// terminal.
func table(_ rows: [[String]]) -> String {
    guard let first = rows.first else { return "" }
    let cells = rows.map { row in row.map(tableCell) }
    return DisplayWidth.table(cells, rightAligned: Set(first.indices)).joined(separator: "\n") + "\n"
}

/// A cell's text on one line: line breaks as ` ⏎ `, other control characters neutralised.
private func tableCell(_ text: String) -> String {
    let lines = TextField.withLineFeeds(text).split(separator: "\n", omittingEmptySubsequences: false)
    return ControlCharacters.neutralized(lines.joined(separator: " ⏎ "))
}
