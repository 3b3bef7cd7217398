import FiredrillCore
import FiredrillVocabulary

/// Renders trends over recorded runs as one self-contained HTML page: per scenario (or
/// department), a chart per series with every run's value, the median and 90th percentile
/// of the last runs drawn over time, and runs ended early marked (and left out of both).
public enum TrendsHTMLRenderer {
    public struct Point: Sendable {
        public var runID: String
        /// When the run started, as shown (`2025-01-10 09:30`).
        public var date: String
        public var value: Double
        /// The run ended early: its score covers only part of the drill.
        public var incomplete: Bool

        public init(runID: String, date: String, value: Double, incomplete: Bool) {
            self.runID = runID
            self.date = date
            self.value = value
            self.incomplete = incomplete
        }
    }

    public struct Series: Sendable {
        public enum Kind: Sendable, Hashable {
            case score
            case credit(objective: String)
            /// The share of correct answers to a quiz question (0–1).
            case quiz(question: String)
            /// A drill-time metric, named as `trends` names it (`time to acknowledge`).
            case time(String)
            /// A number of things (`objectives met`, `actions taken`).
            case count(String)
        }

        public var kind: Kind
        public var points: [Point]

        public init(kind: Kind, points: [Point]) {
            self.kind = kind
            self.points = points
        }
    }

    public struct Group: Sendable {
        public var title: String
        public var series: [Series]
        public var runs: Int
        public var from: String
        public var to: String

        public init(title: String, series: [Series], runs: Int, from: String, to: String) {
            self.title = title
            self.series = series
            self.runs = runs
            self.from = from
            self.to = to
        }
    }

    /// How many runs the median and the 90th percentile drawn over time look back on.
    public static let window = 5

    public static func render(_ groups: [Group], grouping: String, language: Language) -> String {
        let s = TrendStrings(language: language)
        var html = ""
        func add(_ line: String) { html += line + "\n" }
        add("<!DOCTYPE html>")
        add("<html lang=\"\(language.rawValue)\">")
        add("<head>")
        add("<meta charset=\"utf-8\">")
        add("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
        add("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        add("<title>\(HTML.escape(s[.title]))</title>")
        add("<style>\n\(HTMLReportStyle.css(footer: "firedrill · \(s[.title])"))\n</style>")
        add("</head>")
        add("<body>")
        add("<main>")
        add("<header class=\"doc\"><div class=\"doc-kind\">\(HTML.escape(s[.kind]))</div><h1>\(HTML.escape(s[.title]))</h1>"
            + "<p class=\"doc-subtitle\">\(HTML.escape(s[grouping == "department" ? .byDepartment : .byScenario]))</p></header>")
        add("<p class=\"note\">\(HTML.escape(s[.explanation, ["window": "\(window)"]]))</p>")
        if groups.isEmpty { add("<p>\(HTML.escape(s[.noRuns]))</p>") }
        for group in groups {
            add("<h2>\(HTML.escape(group.title))</h2>")
            add("<p>\(HTML.escape(s.runs(group.runs, from: group.from, to: group.to)))</p>")
            add("<table><thead><tr><th>\(HTML.escape(s[.seriesColumn]))</th><th class=\"num\">n</th><th class=\"num\">\(HTML.escape(s[.median]))</th>"
                + "<th class=\"num\">p90</th><th class=\"num\">\(HTML.escape(s[.latest]))</th><th class=\"num\">\(HTML.escape(s[.incomplete]))</th></tr></thead><tbody>")
            for series in group.series {
                let complete = series.points.filter { !$0.incomplete }.map(\.value)
                let cells = [
                    HTML.escape(s.name(series.kind)), "\(series.points.count)",
                    HTML.escape(format(Statistics.median(complete), series.kind)), HTML.escape(format(Statistics.percentile(90, of: complete), series.kind)),
                    HTML.escape(format(series.points.last?.value, series.kind)), "\(series.points.filter(\.incomplete).count)",
                ]
                add("<tr>" + cells.enumerated().map { "<td\($0.offset == 0 ? "" : " class=\"num\"")>\($0.element)</td>" }.joined() + "</tr>")
            }
            add("</tbody></table>")
            for series in group.series {
                add("<figure>")
                add(chart(series, strings: s))
                add("<figcaption>\(HTML.escape(s.name(series.kind)))</figcaption>")
                add("</figure>")
            }
        }
        add("</main>")
        add("</body>")
        add("</html>")
        return html
    }

    static func format(_ value: Double?, _ kind: Series.Kind) -> String {
        guard let value else { return "–" }
        switch kind {
        case .time: return ReportFacts.clock(value.rounded())
        case .score: return MarkdownReportRenderer.number(value)
        case .credit, .quiz: return MarkdownReportRenderer.number(value, digits: 2)
        case .count: return MarkdownReportRenderer.number(value)
        }
    }

    /// The median and the 90th percentile of the complete runs among the last `window`, at each run.
    static func rolling(_ points: [Point]) -> [(median: Double?, p90: Double?)] {
        points.indices.map { index in
            let recent = points[max(0, index - window + 1)...index].filter { !$0.incomplete }.map(\.value)
            return (Statistics.median(recent), Statistics.percentile(90, of: recent))
        }
    }

    static func chart(_ series: Series, strings s: TrendStrings) -> String {
        let width = 900.0, height = 190.0, left = 70.0, right = 20.0, top = 14.0, bottom = 36.0
        let values = series.points.map(\.value)
        let range: ClosedRange<Double> = switch series.kind {
        case .score: 0...100
        case .credit, .quiz: 0...1
        case .count: 0...max(1, (values.max() ?? 1).rounded(.up))
        case .time:
            // Up to a round number of minutes, so that the four steps fall on whole values.
            0...([60.0, 120, 240, 300, 600, 1200, 1800, 3600, 7200, 14400].first { $0 >= (values.max() ?? 0) * 1.05 } ?? max(60, (values.max() ?? 60) * 1.1))
        }
        func x(_ index: Int) -> Double {
            series.points.count < 2 ? (left + width - right) / 2 : left + Double(index) / Double(series.points.count - 1) * (width - left - right)
        }
        func y(_ value: Double) -> Double {
            top + (1 - (min(max(value, range.lowerBound), range.upperBound) - range.lowerBound) / (range.upperBound - range.lowerBound)) * (height - top - bottom)
        }
        var svg = SVGBuilder()
        svg.open(width: width, height: height, label: s.name(series.kind))
        for step in 0...4 {
            let value = range.lowerBound + Double(step) / 4 * (range.upperBound - range.lowerBound)
            svg.line(x1: left, y1: y(value), x2: width - right, y2: y(value), color: step == 0 ? "#a0aec0" : "#e2e8f0")
            svg.text(format(value, series.kind), x: left - 6, y: y(value) + 4, anchor: "end", color: "#4a5568", size: 10)
        }
        let labelEvery = max(1, series.points.count / 6)
        for (index, point) in series.points.enumerated() where index % labelEvery == 0 || index == series.points.count - 1 {
            let anchor = index == 0 && series.points.count > 1 ? "start" : index == series.points.count - 1 && series.points.count > 1 ? "end" : "middle"
            svg.text(point.date, x: x(index), y: height - bottom + 16, anchor: anchor, color: "#4a5568", size: 9.5)
        }
        if series.points.count > 1 {
            let path = series.points.indices.map { "\($0 == 0 ? "M" : "L")\(SVGBuilder.n(x($0))) \(SVGBuilder.n(y(values[$0])))" }.joined()
            svg.path(path, stroke: "#cbd5e0", width: 1)
        }
        let rolling = rolling(series.points)
        let lines: [(pick: ((median: Double?, p90: Double?)) -> Double?, color: String, dash: String?)] = [
            ({ $0.median }, "#1f3a5f", nil), ({ $0.p90 }, "#d9731a", "5 3"),
        ]
        for (pick, color, dash) in lines {
            var d = ""
            for (index, entry) in rolling.enumerated() {
                guard let value = pick(entry) else { continue }
                d += "\(d.isEmpty ? "M" : "L")\(SVGBuilder.n(x(index))) \(SVGBuilder.n(y(value)))"
            }
            if !d.isEmpty { svg.path(d, stroke: color, width: 2, dash: dash) }
        }
        for (index, point) in series.points.enumerated() {
            let title = "\(point.runID) \(point.date): \(format(point.value, series.kind))" + (point.incomplete ? " — \(s[.incompleteRun])" : "")
            if point.incomplete {
                svg.circle(cx: x(index), cy: y(point.value), r: 4.5, fill: "#ffffff", stroke: "#c0392b", strokeWidth: 1.8, title: title)
            } else {
                svg.circle(cx: x(index), cy: y(point.value), r: 3.5, fill: "#2d3748", stroke: "#ffffff", strokeWidth: 0.8, title: title)
            }
        }
        let legendY = height - 6
        svg.line(x1: left, y1: legendY - 4, x2: left + 22, y2: legendY - 4, color: "#1f3a5f", width: 2)
        svg.text(s[.medianLine, ["window": "\(window)"]], x: left + 28, y: legendY, color: "#2d3748", size: 10)
        svg.line(x1: left + 250, y1: legendY - 4, x2: left + 272, y2: legendY - 4, color: "#d9731a", width: 2, dash: "5 3")
        svg.text(s[.p90Line, ["window": "\(window)"]], x: left + 278, y: legendY, color: "#2d3748", size: 10)
        svg.circle(cx: left + 515, cy: legendY - 4, r: 4.5, fill: "#ffffff", stroke: "#c0392b", strokeWidth: 1.8)
        svg.text(s[.incompleteRun], x: left + 525, y: legendY, color: "#2d3748", size: 10)
        svg.close()
        return svg.text
    }
}

/// What the trends page says, in English or Japanese: the texts are in the catalog of
/// FiredrillVocabulary, `Catalog/trends.{en,ja}.json`, named by `TrendsText` (`s[.title]`).
struct TrendStrings {
    let language: Language
    private let texts: CatalogTexts<TrendsText>

    init(language: Language) {
        self.language = language
        texts = CatalogTexts(language)
    }

    subscript(_ key: TrendsText, _ values: [String: String] = [:]) -> String { texts[key, values] }

    func runs(_ count: Int, from: String, to: String) -> String {
        self[count == 1 ? .runsOne : .runs, ["count": "\(count)", "from": from, "to": to]]
    }

    func name(_ kind: TrendsHTMLRenderer.Series.Kind) -> String {
        switch kind {
        case .score: self[.scoreSeries]
        case .credit(let objective): self[.creditSeries, ["objective": objective]]
        case .quiz(let question): self[.quizSeries, ["question": question]]
        case .count(let name): texts.member("count", name) ?? asItIs(name)
        case .time(let name): self[.timeSeries, ["name": texts.member("time", name) ?? asItIs(name)]]
        }
    }

    /// A series' name that the catalog lacks, as `trends` gives it (capitalised in English).
    private func asItIs(_ name: String) -> String {
        language == .japanese ? name : name.prefix(1).uppercased() + name.dropFirst()
    }
}
