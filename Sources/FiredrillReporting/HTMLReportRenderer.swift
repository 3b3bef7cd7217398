import FiredrillCore
import FiredrillVocabulary

/// Renders a report as one self-contained HTML file: the ``ReportOutline`` (HSEEP's
/// after-action report and improvement plan) with its charts as inline SVG, for a committee
/// to read on screen or print to A4. Inline CSS, no script, nothing fetched (its
/// Content-Security-Policy forbids both). Everything scenarios and people wrote is escaped.
public enum HTMLReportRenderer {
    public static func render(_ report: DrillReport, context: ReportContext) -> String {
        var writer = HTMLWriter(outline: ReportOutline(report, context: context), report: report, strings: context.strings)
        writer.write()
        return writer.html
    }
}

/// Writes an outline as HTML.
private struct HTMLWriter {
    let outline: ReportOutline
    let report: DrillReport
    let strings: ReportStrings
    var html = ""

    typealias Inline = ReportOutline.Inline

    func e(_ text: String) -> String { HTML.escape(text) }
    mutating func add(_ markup: String) { html += markup + "\n" }

    mutating func write() {
        add("<!DOCTYPE html>")
        add("<html lang=\"\(outline.language.rawValue)\">")
        add("<head>")
        add("<meta charset=\"utf-8\">")
        add("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
        add("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        add("<meta name=\"generator\" content=\"firedrill\">")
        add("<title>\(e(strings[.documentShortTitle])) — \(e(outline.subtitle))</title>")
        add("<style>\n\(HTMLReportStyle.css(footer: outline.pageFooter))\n</style>")
        add("</head>")
        add("<body>")
        add("<main>")
        add("<header class=\"doc\">")
        add("<div class=\"doc-kind\">\(e(outline.kind))</div>")
        add("<h1>\(e(outline.title))</h1>")
        add("<p class=\"doc-subtitle\">\(e(outline.subtitle))</p>")
        add("<div class=\"doc-meta\">" + outline.meta.map { "<span>\(e($0.label))\(e(strings.colon))<b>\(inline($0.value))</b></span>" }.joined() + "</div>")
        add("</header>")
        add("<nav class=\"toc\" aria-label=\"\(e(strings[.contents]))\"><ul>" + outline.sections.map { "<li><a href=\"#\($0.id)\">\(e($0.title))</a></li>" }.joined() + "</ul></nav>")
        for section in outline.sections {
            add("<h2 id=\"\(section.id)\"\(section.appendix ? " class=\"appendix\"" : "")>\(e(section.title))</h2>")
            for block in section.blocks { write(block) }
        }
        add("<footer class=\"doc\">" + outline.footer.map { "<p>\(e($0))</p>" }.joined() + "</footer>")
        add("</main>")
        add("</body>")
        add("</html>")
    }

    mutating func write(_ block: ReportOutline.Block) {
        switch block {
        case .paragraph(let content): add("<p>\(inline(content))</p>")
        case .note(let content): add("<p class=\"note\">\(inline(content))</p>")
        case .warning(let content): add("<p class=\"warning\">\(inline(content))</p>")
        case .heading(let title, let id): add("<h3\(id.map { " id=\"\($0)\"" } ?? "")>\(e(title))</h3>")
        case .subheading(let title): add("<h4>\(e(title))</h4>")
        case .table(let table): write(table)
        case .keyValues(let rows):
            add("<table class=\"kv\"><tbody>")
            for row in rows { add("<tr><th>\(e(row.label))</th><td>\(inline(row.value))</td></tr>") }
            add("</tbody></table>")
        case .facts(let rows):
            add("<dl class=\"facts\">" + rows.map { "<dt>\(e($0.label))</dt><dd>\(inline($0.value))</dd>" }.joined() + "</dl>")
        case .bullets(let items):
            add("<ul class=\"answers\">" + items.map { "<li>\(inline($0))</li>" }.joined() + "</ul>")
        case .quote(let label, let text):
            add("<div class=\"summary\"><h4>\(e(label))</h4><p>\(HTML.paragraphs(text))</p></div>")
        case .cards(let cards):
            add("<div class=\"cards\">")
            for card in cards {
                var markup = "<div class=\"card\(card.warning ? " incomplete" : "")\"><div class=\"label\">\(e(card.label))</div><div class=\"big\">\(inline(card.value))</div>"
                if !card.detail.isEmpty { markup += "<div>\(inline(card.detail))</div>" }
                if let note = card.note { markup += "<div class=\"note\">\(e(note))</div>" }
                add(markup + "</div>")
            }
            add("</div>")
        case .chain(let steps):
            add("<ol class=\"chain\">")
            for step in steps {
                add("<li><span class=\"step\">\(e(step.label))</span><span class=\"time\">\(e(step.time))</span>"
                    + "<span class=\"since\">\(step.since.map(e) ?? "&nbsp;")</span></li>")
            }
            add("</ol>")
        case .figure(let chart, let caption):
            add("<figure>")
            switch chart {
            case .timeline: add(SVGTimelineChart(report: report, strings: strings).render())
            case .credit: add(SVGCreditChart(report: report, strings: strings).render())
            }
            add("<figcaption>\(e(caption))</figcaption>")
            add("</figure>")
        case .groupStart(let id, let title, let detail):
            add("<section class=\"objective\" id=\"\(id)\">")
            add("<h3><span>\(e(title))</span><span class=\"ids\">\(e(detail))</span></h3>")
        case .groupEnd:
            add("</section>")
        }
    }

    mutating func write(_ table: ReportOutline.Table) {
        func cellClass(_ column: Int) -> String {
            switch table.alignments[column] {
            case .right: return " class=\"num\""
            case .center: return " class=\"center\""
            case .left: return table.nowrap.contains(column) ? " class=\"nowrap\"" : ""
            }
        }
        let columns = table.widths.map { "<colgroup>" + $0.map { "<col style=\"width: \(SVGBuilder.n($0))%\">" }.joined() + "</colgroup>" } ?? ""
        add("<table\(table.style.map { " class=\"\($0)\"" } ?? "")>\(columns)<thead><tr>" + table.headers.enumerated().map { "<th\(cellClass($0.offset))>\(e($0.element))</th>" }.joined() + "</tr></thead><tbody>")
        for row in table.rows { add("<tr>" + row.enumerated().map { "<td\(cellClass($0.offset))>\(inline($0.element))</td>" }.joined() + "</tr>") }
        add("</tbody></table>")
    }

    func inline(_ content: [Inline]) -> String {
        content.map { part in
            switch part {
            case .text(let text): e(text)
            case .lines(let text): HTML.multiline(text)
            case .prose(let text): HTML.paragraphs(text)
            case .strong(let text): "<b>\(e(text))</b>"
            case .code(let text): "<code>\(e(text))</code>"
            case .rich(let text): HTML.rich(text)
            case .small(let text): "<span class=\"obs-meta\">\(e(text))</span>"
            case .rating(let rating):
                rating.map { "<span class=\"rating \($0.rawValue)\" title=\"\(e(strings.words.rating($0)))\">\($0.rawValue)</span>" } ?? "<span class=\"rating none\">–</span>"
            case .status(let text, let tone):
                switch tone {
                case .overdue: "<span class=\"overdue\">\(e(text))</span>"
                case .verified: "<span class=\"verified\">\(e(text))</span>"
                case .failed: "<span class=\"failed\">\(e(text))</span>"
                default: "<span class=\"status-\(tone.rawValue)\">\(e(text))</span>"
                }
            case .lineBreak: "<br>"
            }
        }.joined()
    }
}
