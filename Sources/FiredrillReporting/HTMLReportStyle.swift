/// The style sheet of firedrill's HTML documents, inlined in each: a sheet of A4 paper on
/// screen, and a print layout with page numbers, tables that repeat their header, and
/// figures kept whole. System fonts only (Japanese ones included); nothing is fetched.
enum HTMLReportStyle {
    /// `footer` is written in the bottom-left page margin when printed (plain text: letters,
    /// digits, spaces and dashes only, as it goes into a CSS string).
    static func css(footer: String) -> String {
        let safeFooter = String(footer.filter { $0.isLetter || $0.isNumber || " -·:/().".contains($0) }.prefix(120))
        return """
        :root {
          --ink: #1a202c; --muted: #4a5568; --faint: #718096; --line: #cbd5e0; --soft: #f4f6f8; --accent: #1f3a5f;
          --P: #2f7d4f; --S: #b08d0b; --M: #d9731a; --U: #c0392b;
        }
        * { box-sizing: border-box; }
        html {
          font-family: "Noto Sans", "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN",
            "Yu Gothic UI", "Yu Gothic", Meiryo, "IPAPGothic", "IPAGothic", system-ui, -apple-system, "Segoe UI",
            Roboto, "Helvetica Neue", Arial, sans-serif;
          color: var(--ink); font-size: 10pt; line-height: 1.5;
          -webkit-print-color-adjust: exact; print-color-adjust: exact;
        }
        body { margin: 0; background: #e7ebef; }
        main { max-width: 210mm; margin: 24px auto; background: #fff; padding: 16mm 15mm; box-shadow: 0 1px 6px rgba(0, 0, 0, .18); }
        header.doc { border-bottom: 3px solid var(--accent); padding-bottom: 8px; margin-bottom: 14px; }
        .doc-kind { text-transform: uppercase; letter-spacing: .08em; font-size: 8pt; color: var(--muted); }
        h1 { font-size: 18pt; line-height: 1.25; margin: 2px 0 2px; color: var(--accent); }
        .doc-subtitle { font-size: 12.5pt; font-weight: 600; margin: 0 0 8px; }
        .doc-meta { display: flex; flex-wrap: wrap; gap: 2px 18px; font-size: 8.5pt; color: var(--muted); }
        .doc-meta b { color: var(--ink); font-weight: 600; }
        nav.toc { font-size: 8.5pt; color: var(--muted); margin: 0 0 10px; columns: 2; }
        nav.toc a { color: inherit; text-decoration: none; }
        nav.toc ul { margin: 0; padding-left: 0; list-style: none; }
        h2 { font-size: 13pt; color: var(--accent); border-bottom: 1px solid var(--line); padding-bottom: 2px; margin: 22px 0 8px; }
        h3 { font-size: 10.5pt; margin: 12px 0 4px; }
        p { margin: 4px 0 8px; }
        table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 4px 0 10px; }
        th, td { border: 1px solid var(--line); padding: 3px 5px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
        thead th { background: var(--soft); font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; overflow-wrap: normal; }
        td.center, th.center { text-align: center; }
        td.nowrap { white-space: nowrap; overflow-wrap: normal; }
        table.kv th { width: 28%; background: var(--soft); font-weight: 600; }
        table.plan { font-size: 7.5pt; }
        code, .mono { font-family: "DejaVu Sans Mono", "Noto Sans Mono", Menlo, Consolas, monospace; font-size: .92em; overflow-wrap: anywhere; }
        .note { color: var(--muted); font-size: 8pt; margin: 2px 0 8px; }
        .rating { display: inline-block; min-width: 1.7em; padding: 0 4px; border-radius: 3px; color: #fff; font-weight: 700; text-align: center; line-height: 1.45; }
        .rating.P { background: var(--P); } .rating.S { background: var(--S); } .rating.M { background: var(--M); } .rating.U { background: var(--U); }
        .rating.none { background: #cbd5e0; color: var(--ink); font-weight: 400; }
        .status-met { color: var(--P); font-weight: 600; } .status-missed { color: var(--U); font-weight: 600; }
        .status-muted { color: var(--faint); font-style: italic; }
        .cards { display: grid; grid-template-columns: 1.1fr 1.4fr 1fr; gap: 8px; margin: 6px 0 10px; }
        .card { border: 1px solid var(--line); border-radius: 4px; padding: 6px 10px; }
        .card .label { font-size: 8pt; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
        .card .big { font-size: 22pt; font-weight: 700; line-height: 1.15; color: var(--accent); }
        .card .big small { font-size: 10pt; font-weight: 400; color: var(--muted); }
        .card.incomplete { border-color: var(--U); }
        .card.incomplete .big { color: var(--U); }
        .warning { border-left: 4px solid var(--U); background: #fcefed; padding: 6px 10px; margin: 6px 0 10px; font-weight: 600; }
        ol.chain { display: flex; list-style: none; padding: 0; margin: 6px 0 4px; gap: 0; }
        ol.chain li { flex: 1; position: relative; border: 1px solid var(--line); background: var(--soft); padding: 4px 8px 4px 14px; margin-right: 10px; }
        ol.chain li:not(:last-child)::after { content: "→"; position: absolute; right: -12px; top: 30%; color: var(--faint); font-weight: 700; }
        ol.chain .step { display: block; font-size: 7.5pt; color: var(--muted); }
        ol.chain .time { display: block; font-size: 12pt; font-weight: 700; font-variant-numeric: tabular-nums; }
        ol.chain .since { display: block; font-size: 7.5pt; color: var(--muted); }
        figure { margin: 6px 0 12px; }
        figure svg.chart { width: 100%; height: auto; display: block; border: 1px solid var(--line); background: #fff; }
        figcaption { font-size: 8pt; color: var(--muted); margin-top: 3px; }
        svg text { font-family: inherit; }
        section.objective { border: 1px solid var(--line); border-radius: 4px; padding: 6px 10px 2px; margin: 8px 0; }
        section.objective h3 { margin: 0 0 4px; display: flex; justify-content: space-between; gap: 8px; }
        section.objective h3 .ids { font-weight: 400; color: var(--muted); font-size: 8.5pt; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; margin: 2px 0 6px; font-size: 8.5pt; }
        dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
        .obs-group { margin: 4px 0 6px; }
        .obs-group h4 { font-size: 8.5pt; margin: 4px 0 2px; text-transform: uppercase; letter-spacing: .04em; }
        .obs-group.strength h4 { color: var(--P); } .obs-group.improvement h4 { color: var(--M); } .obs-group.other h4 { color: var(--muted); }
        .obs-group ul { margin: 0; padding-left: 1.2em; font-size: 9pt; }
        .obs-meta { color: var(--muted); font-size: 8pt; }
        .overdue { color: var(--U); font-weight: 700; }
        .verified { color: var(--P); font-weight: 700; } .failed { color: var(--U); font-weight: 700; }
        ul.answers { margin: 2px 0 10px; padding-left: 1.2em; font-size: 9pt; }
        footer.doc { margin-top: 18px; border-top: 1px solid var(--line); padding-top: 6px; font-size: 8pt; color: var(--muted); }
        @page { size: A4; margin: 15mm 13mm 17mm 13mm;
          @bottom-left { content: "\(safeFooter)"; font-size: 7.5pt; color: #718096; }
          @bottom-right { content: counter(page) " / " counter(pages); font-size: 7.5pt; color: #718096; } }
        @media print {
          html { font-size: 9.5pt; }
          body { background: #fff; }
          main { margin: 0; padding: 0; max-width: none; box-shadow: none; }
          nav.toc a { color: inherit; }
          h2, h3 { break-after: avoid; }
          h2.appendix { break-before: page; }
          tr, figure, .card, section.objective, ol.chain, dl.facts { break-inside: avoid; }
          thead { display: table-header-group; }
        }
        """
    }
}
