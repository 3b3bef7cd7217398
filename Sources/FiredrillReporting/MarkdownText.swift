import FiredrillCore

/// Text that Markdown shows as written: what scenarios and people wrote can neither become
/// markup (HTML tags, links, emphasis, code, headings, list items) nor break a table.
enum MarkdownText {
    /// One line of text, safe anywhere in a paragraph, a list item or a table cell: control
    /// characters made visible, line breaks as spaces, Markdown's punctuation escaped with
    /// a backslash (so `<script>` is shown, not run), and what would start a block at the
    /// beginning of a line (`#`, `-`, `1.`) escaped too.
    static func inline(_ text: String) -> String {
        let oneLine = ControlCharacters.neutralized(text).split(whereSeparator: \.isNewline).joined(separator: " ")
        var out = ""
        let characters = Array(oneLine)
        var atStart = true
        for (index, character) in characters.enumerated() {
            defer { if !character.isWhitespace { atStart = false } }
            if "\\`*_[]<>|~".contains(character) {
                out += "\\" + String(character)
            } else if character == "&" {
                // Only where it would start an entity (`&lt;`, `&#60;`).
                let next = index + 1 < characters.count ? characters[index + 1] : " "
                out += next.isLetter || next == "#" ? "\\&" : "&"
            } else if atStart, "#+-=".contains(character) {
                out += "\\" + String(character)
            } else if character == ".", index > 0, characters[..<index].allSatisfy(\.isNumber) {
                out += "\\."
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// An id in backticks when it is a plain slug, else escaped text.
    static func code(_ id: String) -> String {
        let plain = !id.isEmpty && id.unicodeScalars.allSatisfy { $0.isASCII && (($0.properties.isAlphabetic) || ("0"..."9").contains($0) || "-_.:/".unicodeScalars.contains($0)) }
        return plain ? "`\(id)`" : inline(id)
    }

    /// A paragraph of several lines, each escaped, joined by hard line breaks.
    static func block(_ text: String) -> [String] {
        var lines = TextLines(ControlCharacters.neutralized(text)).map(\.text)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.map { inline(String($0)) }
    }
}

/// A Markdown table whose columns line up in the source by display width (a Japanese
/// character takes two columns), so the file reads as a table in any text editor too.
struct MarkdownTable {
    enum Alignment { case left, right, center }

    var header: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    init(_ header: [String], alignments: [Alignment]? = nil) {
        self.header = header
        self.alignments = alignments ?? header.map { _ in .left }
    }

    /// Appends a row of cells that are already Markdown (escaped with ``MarkdownText``).
    mutating func append(_ cells: [String]) {
        precondition(cells.count == header.count, "a table row has \(cells.count) cells, the header \(header.count)")
        rows.append(cells)
    }

    var lines: [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in max(3, all.map { DisplayWidth.of($0[column]) }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, cell in
                alignments[column] == .right ? DisplayWidth.leftPadded(cell, to: widths[column]) : DisplayWidth.padded(cell, to: widths[column])
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let separator = widths.enumerated().map { column, width -> String in
            switch alignments[column] {
            case .left: String(repeating: "-", count: width)
            case .right: String(repeating: "-", count: width - 1) + ":"
            case .center: ":" + String(repeating: "-", count: width - 2) + ":"
            }
        }
        return [line(header), "| " + separator.joined(separator: " | ") + " |"] + rows.map(line)
    }
}
