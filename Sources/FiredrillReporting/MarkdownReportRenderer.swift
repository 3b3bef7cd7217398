import FiredrillCore

/// Renders a report as Markdown: the ``ReportOutline`` (HSEEP's after-action report and
/// improvement plan) written section by section. Tables line up by display width; everything
/// scenarios and people wrote is escaped (``MarkdownText``); charts are the HTML report's.
public enum MarkdownReportRenderer {
    /// The report in its scenario's language, local times in the machine's time zone.
    public static func render(_ report: DrillReport) -> String {
        render(report, context: ReportContext(for: report))
    }

    public static func render(_ report: DrillReport, context: ReportContext) -> String {
        MarkdownWriter(ReportOutline(report, context: context)).text
    }

    /// `m:ss` or `h:mm:ss` (with milliseconds when present).
    static func clock(_ seconds: Double) -> String {
        DrillTime(seconds: seconds)?.description ?? "–"
    }

    /// A number for people: whole numbers without decimals, others rounded to `digits`.
    /// Values that are not finite, or too large to be a drill figure, are written as `–`.
    public static func number(_ value: Double, digits: Int = 1) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "–" }
        if value == value.rounded() { return String(Int64(value)) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return rounded == rounded.rounded() ? String(Int64(rounded)) : "\(rounded)"
    }

    /// Text safe inside a table cell (see ``MarkdownText/inline(_:)``).
    static func inline(_ text: String) -> String { MarkdownText.inline(text) }
}

/// Writes an outline as Markdown.
private struct MarkdownWriter {
    let outline: ReportOutline
    var lines: [String] = []

    typealias Inline = ReportOutline.Inline

    init(_ outline: ReportOutline) {
        self.outline = outline
        write()
    }

    var text: String { lines.joined(separator: "\n") + "\n" }

    mutating func add(_ line: String = "") { lines.append(line) }

    mutating func write() {
        add("# \(MarkdownText.inline(outline.title))\(MarkdownText.inline(outline.language == .japanese ? "：" : ": "))\(MarkdownText.inline(outline.subtitle))")
        add("_\(MarkdownText.inline(outline.kind))_")
        add()
        add(outline.meta.map { "\(MarkdownText.inline($0.label))\(colon)\(inline($0.value))" }.joined(separator: " · "))
        add()
        for section in outline.sections {
            add("## " + heading(section.title))
            add()
            for block in section.blocks { write(block) }
        }
        for line in outline.footer { add("_" + MarkdownText.inline(line) + "_") }
    }

    var colon: String { outline.language == .japanese ? "：" : ": " }
    /// Japanese text takes full-width parentheses, English half-width ones.
    func parenthesized(_ text: String) -> String { outline.language == .japanese ? "（\(text)）" : "(\(text))" }

    mutating func write(_ block: ReportOutline.Block) {
        switch block {
        case .paragraph(let content):
            add(inline(content))
            add()
        case .note(let content):
            add("_" + inline(content) + "_")
            add()
        case .warning(let content):
            add("> **" + inline(content) + "**")
            add()
        case .heading(let title, _):
            add("### " + heading(title))
            add()
        case .subheading(let title):
            add("**" + MarkdownText.inline(title) + "**")
            add()
        case .table(let table):
            var markdown = MarkdownTable(table.headers.map(MarkdownText.inline), alignments: table.alignments.map(\.markdown))
            for row in table.rows { markdown.append(row.map(inline)) }
            lines += markdown.lines
            add()
        case .keyValues(let rows):
            var markdown = MarkdownTable(["", ""])
            for row in rows { markdown.append([MarkdownText.inline(row.label), inline(row.value)]) }
            lines += markdown.lines
            add()
        case .facts(let rows):
            for row in rows { add("- \(MarkdownText.inline(row.label))\(colon)\(inline(row.value))") }
            add()
        case .bullets(let items):
            for item in items { add("- " + inline(item)) }
            add()
        case .quote(let label, let text):
            let quoted = MarkdownText.block(text)
            guard !quoted.isEmpty else { return }
            add("**\(MarkdownText.inline(label))**")
            add()
            for (index, line) in quoted.enumerated() { add("> " + line + (index < quoted.count - 1 && !line.isEmpty ? "  " : "")) }
            add()
        case .cards(let cards):
            for card in cards {
                var line = "**\(MarkdownText.inline(card.label))**\(colon)\(inline(card.value))"
                if !card.detail.isEmpty { line += " — " + inline(card.detail) }
                if let note = card.note { line += " _\(MarkdownText.inline(parenthesized(note)))_" }
                add(line)
                add()
            }
        case .chain(let steps):
            add(steps.map { step in
                "\(MarkdownText.inline(step.label)) \(step.time)" + (step.since.map { (outline.language == .japanese ? "" : " ") + MarkdownText.inline(parenthesized($0)) } ?? "")
            }.joined(separator: " → "))
            add()
        case .figure(_, let caption):
            // Charts are drawn in the HTML report; Markdown says what they show.
            add("_\(MarkdownText.inline(caption))_")
            add()
        case .groupStart(_, let title, let detail):
            add("### " + heading(title))
            add()
            add("_\(MarkdownText.inline(detail))_")
            add()
        case .groupEnd:
            break
        }
    }

    /// A heading: its number (`4.1.`) as written, the rest escaped.
    func heading(_ title: String) -> String {
        let number = title.prefix { $0.isNumber || $0 == "." }
        guard !number.isEmpty, number.contains("."), title.dropFirst(number.count).first == " " else { return MarkdownText.inline(title) }
        return String(number) + MarkdownText.inline(String(title.dropFirst(number.count)))
    }

    func inline(_ content: [Inline]) -> String {
        content.map { part in
            switch part {
            case .text(let text), .small(let text): MarkdownText.inline(text)
            case .lines(let text): MarkdownText.block(text).joined(separator: " ")
            case .prose(let text): MarkdownText.inline(Prose.joined(text))
            case .strong(let text): "**\(MarkdownText.inline(text))**"
            case .code(let text): MarkdownText.code(text)
            case .rich(let text): text
            case .rating(let rating): rating.map { "**\($0.rawValue)**" } ?? "–"
            case .status(let text, let tone): tone == .missed || tone == .overdue || tone == .failed ? "**\(MarkdownText.inline(text))**" : MarkdownText.inline(text)
            case .lineBreak: outline.language == .japanese ? "、" : "; "
            }
        }.joined()
    }
}

extension ReportOutline.Alignment {
    var markdown: MarkdownTable.Alignment {
        switch self {
        case .left: .left
        case .right: .right
        case .center: .center
        }
    }
}
