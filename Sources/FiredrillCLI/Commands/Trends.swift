import ArgumentParser
import FiredrillCore
import FiredrillRecords
import FiredrillReporting
import FiredrillStore
import Foundation

extension TrendGroup.Grouping: ExpressibleByArgument {}

extension Firedrill {
    struct Trends: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How drills go over time: each objective's credit and each timing metric, per scenario or per department.",
            discussion: """
            Uses finished runs, oldest first. Shows the median and 90th percentile (nearest rank) \
            of every series and a sparkline of its values in order. A run ended before some of its \
            objectives could be judged is incomplete: its score covers only part of the drill, so \
            it is left out unless --include-incomplete is given (and then counted and marked as \
            such). --format json writes every group and series with its median, p90, latest value and \
            each run's value (what the server's GET /api/v1/trends answers); --format csv writes every data point (scope, group, series, run, date, value, \
            unit, complete) for spreadsheets; --format html a page of charts (every run's value, \
            the median and 90th percentile of the last runs over time, runs ended early marked).
            """
        )

        typealias Grouping = TrendGroup.Grouping

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, csv, html, json
        }

        @Option(help: "Group by scenario (the team's figures), or by department across scenarios (what its roles met and did).")
        var by: Grouping = .scenario

        @OptionGroup var filter: RunFilterOptions

        @Option(help: "Output: table, csv, html or json (every group and series with its median, p90, latest and each run's value).")
        var format: Format = .table

        @Flag(help: "Count runs ended before all their objectives could be judged (left out by default).")
        var includeIncomplete = false

        @Option(name: .customLong("lang"), help: "Language of the HTML page: en or ja (default: en).")
        var language: Language = .english

        @OptionGroup var csvOptions: CSVOptions

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let database = try database.open(.readOnly)
            let (groups, leftOut) = try store {
                try TrendGroup.query(
                    database, by: by, scenarioID: filter.scenario, since: filter.since?.start, until: filter.until?.end,
                    includeIncomplete: includeIncomplete
                )
            }
            switch format {
            case .json:
                Console.out(try JSONReportRenderer.encode(TrendsDocument(by: by.rawValue, groups: groups, incompleteLeftOut: leftOut)))
            case .csv:
                var csv = CSVDocument(header: ["scope", "group", "series", "run_id", "started_at", "value", "unit", "complete"])
                for group in groups {
                    for series in group.series {
                        for sample in series.samples {
                            csv.append([
                                by.rawValue, group.name, series.name, sample.runID, Formats.utc(sample.startedAt), Formats.number(sample.value),
                                series.unit, sample.complete ? "true" : "false",
                            ])
                        }
                    }
                }
                Console.out(csv.text(byteOrderMark: csvOptions.byteOrderMark))
            case .html:
                Console.out(TrendsHTMLRenderer.render(groups.map { $0.chartGroup() }, grouping: by.rawValue, language: language))
            case .table:
                if leftOut > 0 {
                    Console.out("\(leftOut) incomplete run\(leftOut == 1 ? "" : "s") (ended before all objectives could be judged) left out; --include-incomplete counts them\n\n")
                }
                if groups.isEmpty {
                    Console.out("no finished runs\(filter.scenario.map { " of '\($0)'" } ?? "") in \(database.location)\n")
                    return
                }
                for group in groups {
                    let dates = group.runs.map(\.startedAt)
                    let incomplete = group.runs.filter { !$0.complete }.count
                    let marked = incomplete > 0 ? " (\(incomplete) incomplete)" : ""
                    Console.out("\(by.rawValue) \(group.name): \(group.runs.count) run\(group.runs.count == 1 ? "" : "s")\(marked), \(Formats.utc(dates.min()!)) … \(Formats.utc(dates.max()!))\n")
                    var rows = [["series", "n", "median", "p90", "latest", "over time"]]
                    for series in group.series {
                        let values = series.samples.map(\.value)
                        rows.append([
                            series.name, "\(values.count)", series.format(Statistics.median(values)),
                            series.format(Statistics.percentile(90, of: values)), series.format(values.last),
                            Statistics.sparkline(values, range: series.range),
                        ])
                    }
                    Console.out(table(rows).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n\n")
                }
            }
        }
    }
}

extension TrendGroup.Series {
    /// A value as the table shows it: a clock for times, else at most two decimals.
    func format(_ value: Double?) -> String {
        guard let value else { return "–" }
        if isTime { return DrillTime(seconds: value)?.description ?? "–" }
        return Formats.number((value * 100).rounded() / 100)
    }
}

extension TrendGroup {
    /// The group as the HTML page charts it.
    func chartGroup() -> TrendsHTMLRenderer.Group {
        let dates = runs.map(\.startedAt)
        func day(_ date: Date) -> String { String(Formats.utc(date).prefix(10)) }
        func minute(_ date: Date) -> String { String(Formats.utc(date).prefix(16)).replacingOccurrences(of: "T", with: " ") }
        return TrendsHTMLRenderer.Group(
            title: name,
            series: series.map { series in
                let kind: TrendsHTMLRenderer.Series.Kind =
                    series.isTime ? .time(series.name)
                    : series.name.hasPrefix("credit ") ? .credit(objective: String(series.name.dropFirst(7)))
                    : series.name.hasPrefix("quiz ") ? .quiz(question: String(series.name.dropFirst(5)))
                    : series.range == 0...100 ? .score : .count(series.name)
                return TrendsHTMLRenderer.Series(kind: kind, points: series.samples.map { sample in
                    TrendsHTMLRenderer.Point(runID: sample.runID, date: minute(sample.startedAt), value: sample.value, incomplete: !sample.complete)
                })
            },
            runs: runs.count, from: dates.min().map(day) ?? "", to: dates.max().map(day) ?? ""
        )
    }
}
