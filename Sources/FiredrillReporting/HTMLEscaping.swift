import FiredrillCore
import Foundation

/// Text made safe for HTML and SVG: everything a scenario or a participant wrote goes
/// through ``escape(_:)`` before it reaches a document, so `<script>` is shown, never run.
enum HTML {
    /// `&`, `<`, `>`, `"` and `'` as character references, control characters made visible.
    /// Safe in element content and in quoted attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in ControlCharacters.neutralized(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Escaped text whose line breaks stay line breaks.
    static func multiline(_ text: String) -> String {
        var lines = TextLines(TextField.withLineFeeds(text)).map(\.text)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.map { escape(String($0)) }.joined(separator: "<br>")
    }

    /// Escaped prose written with hard line breaks (a scenario's summary, an inject's
    /// `expect`): lines of a paragraph are joined (without a space between Japanese
    /// characters), blank lines separate paragraphs.
    static func paragraphs(_ text: String) -> String {
        Prose.paragraphs(text).map(escape).joined(separator: "<br><br>")
    }

    /// firedrill's own sentences: escaped, with `backticked` words set as code.
    static func rich(_ text: String) -> String {
        let parts = escape(text).split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count > 2, parts.count % 2 == 1 else { return escape(text) }
        return parts.enumerated().map { index, part in index % 2 == 1 ? "<code>\(part)</code>" : String(part) }.joined()
    }

    /// `text` shortened to `columns` display columns, with an ellipsis when cut.
    static func fit(_ text: String, columns: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard DisplayWidth.of(flat) > columns else { return flat }
        var out = ""
        var width = 0
        for character in flat {
            let next = DisplayWidth.of(String(character))
            if width + next > columns - 1 { break }
            out.append(character)
            width += next
        }
        return out + "…"
    }

    /// An identifier usable in `id` and `href="#…"` attributes and in CSS strings.
    static func anchor(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") ? Character($0) : "-" })
    }
}

/// Prose written with hard line breaks (a summary, an expected response), as paragraphs:
/// the lines of a paragraph joined (without a space between Japanese characters), blank
/// lines separating paragraphs.
enum Prose {
    static func paragraphs(_ text: String) -> [String] {
        var paragraphs: [String] = []
        var current = ""
        for line in TextLines(TextField.withLineFeeds(text)) {
            let trimmed = String(line.text).trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if !current.isEmpty { paragraphs.append(current) }
                current = ""
                continue
            }
            if let last = current.last, let first = trimmed.first {
                if !(isWide(last) && isWide(first)) { current += " " }
            }
            current += trimmed
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs
    }

    /// The paragraphs on one line (for a table cell or a list item).
    static func joined(_ text: String) -> String { paragraphs(text).joined(separator: " ") }

    private static func isWide(_ character: Character) -> Bool {
        character.unicodeScalars.first.map { DisplayWidth.of($0) == 2 } ?? false
    }
}
