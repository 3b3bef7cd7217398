import FiredrillCore
import Foundation
import Testing
@testable import FiredrillReporting

/// What scenarios and people write is shown as text in every format, never as markup.
@Suite("Escaping in every format")
struct ReportEscapingTests {
    let report: DrillReport
    init() throws { report = try ReportFixtures.hostile() }

    @Test("HTML: every tag a scenario, an action, an observation, a survey answer or the plan carries is escaped")
    func html() {
        for language in Language.allCases {
            let html = HTMLReportRenderer.render(report, context: ReportContext(language: language))
            for tag in ["<script", "<img", "<svg onload", "<u>", "<CTO>", "<evaluator>", "Ops <b>", "IT | <i>"] {
                #expect(!html.contains(tag), "\(tag) reached the HTML")
            }
            #expect(html.contains("Ops &lt;b&gt;") && html.contains("IT | &lt;i&gt;"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
            // The text is there, as text: what a reader sees is what was written.
            let text = ReportFixtures.visibleText(html)
            #expect(text.contains("<script>alert(1)</script> **bold** `code` [link](http://example.com) | pipe"))
            // Chart titles (tooltips) are escaped too.
            #expect(html.contains("<title>1. 0:10 — &lt;img src=x onerror=alert(1)&gt; | x</title>"))
        }
    }

    @Test("Markdown: no HTML, no emphasis, no code span, no link, no broken table and no heading comes from the text")
    func markdown() {
        let md = MarkdownReportRenderer.render(report, context: ReportContext(language: .english))
        // Every angle bracket is escaped: no HTML can start.
        let characters = Array(md)
        #expect(characters.indices.allSatisfy { characters[$0] != "<" || ($0 > 0 && characters[$0 - 1] == "\\") })
        #expect(md.contains("\\<script\\>alert(1)\\</script\\> \\*\\*bold\\*\\* \\`code\\` \\[link\\](http://example.com) \\| pipe # heading - item & \\&lt;"))
        // Line breaks in a text never end a table row; every row keeps its header's cell count.
        for table in ReportFixtures.markdownTables(md) {
            #expect(Set(table.map { ReportFixtures.cells($0).count }).count == 1, "\(table.joined(separator: "\n"))")
        }
        // No line of the report starts a heading, a list or a quote from the text.
        for line in md.split(separator: "\n") where line.hasPrefix("#") {
            #expect(!line.contains("heading") || line.hasPrefix("# After-action report"), "\(line)")
        }
        #expect(!md.contains("\n- item"))
    }

    @Test("the inline helper neutralises what Markdown would act on", arguments: [
        ("a | b", "a \\| b"), ("`x`", "\\`x\\`"), ("<i>x</i>", "\\<i\\>x\\</i\\>"), ("line\nbreak", "line break"),
        ("# title", "\\# title"), ("- item", "\\- item"), ("1. first", "1\\. first"), ("a_b*c", "a\\_b\\*c"),
        ("&amp; & x", "\\&amp; & x"), ("esc \u{1B}[2J", "esc \u{241B}\\[2J"), ("日本語｜テスト", "日本語｜テスト"),
    ])
    func inline(input: String, output: String) {
        #expect(MarkdownText.inline(input) == output)
    }

    @Test("JSON: every text comes back exactly as written")
    func json() throws {
        let json = try JSONReportRenderer.render(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let scenario = try #require(object["scenario"] as? [String: Any])
        #expect(scenario["title"] as? String == ReportFixtures.hostileText)
        let observations = try #require(object["observations"] as? [[String: Any]])
        #expect(observations.first?["text"] as? String == ReportFixtures.hostileText)
        let survey = try #require(object["survey"] as? [[String: Any]])
        #expect(survey.last?["texts"] as? [String] == [ReportFixtures.hostileText])
    }

    @Test("HTML escaping covers the five characters and control characters")
    func escape() {
        #expect(HTML.escape("<a href=\"x\" title='y'>&</a>") == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
        #expect(HTML.escape("bell\u{7}") == "bell\u{2407}")
        #expect(HTML.multiline("one\r\ntwo <b>\n") == "one<br>two &lt;b&gt;")
        #expect(HTML.paragraphs("誤った版が\n配信された。\nThen it\nspread.\n\nNext") == "誤った版が配信された。 Then it spread.<br><br>Next")
        #expect(HTML.fit("プロモーション担当者の長い名前", columns: 10) == "プロモー…")
    }
}
