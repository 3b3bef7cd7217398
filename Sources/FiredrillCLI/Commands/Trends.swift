import ArgumentParser
import FiredrillCore
import FiredrillReporting
import FiredrillStore
import Foundation

extension Firedrill {
    struct Trends: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How drills go over time: each objective's credit and each timing metric, per scenario or per department.",
            discussion: """
            Uses finished runs, oldest first. Shows the median and 90th percentile (nearest rank) \
            of every series and a sparkline of its values in order. --format csv writes every \
            data point (scope, group, series, run, date, value, unit) for spreadsheets; --format html \
            a page of charts (every run's value, the median and 90th percentile of the last runs over \
            time, runs ended early marked).
            """
        )

        enum Grouping: String, ExpressibleByArgument, CaseIterable {
            case scenario, department
        }

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, csv, html
        }

        @Option(help: "Group by scenario, or by department within each scenario.")
        var by: Grouping = .scenario

        @OptionGroup var filter: RunFilterOptions

        @Option(help: "Output: table, csv or html.")
        var format: Format = .table

        @Option(name: .customLong("lang"), help: "Language of the HTML page: en or ja (default: en).")
        var language: Language = .english

        @OptionGroup var csvOptions: CSVOptions

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let database = try database.open(.readOnly)
            let points = try store { try database.trendPoints(scenarioID: filter.scenario, since: filter.since?.start, until: filter.until?.end) }
            let groups = TrendGroup.make(points, by: by)
            switch format {
            case .csv:
                var csv = CSVDocument(header: ["scope", "group", "series", "run_id", "started_at", "value", "unit"])
                for group in groups {
                    for series in group.series {
                        for (point, value) in series.points {
                            csv.append([
                                by.rawValue, group.name, series.name, point.runID, Formats.utc(point.startedAt), Formats.number(value),
                                series.unit,
                            ])
                        }
                    }
                }
                Console.out(csv.text(byteOrderMark: csvOptions.byteOrderMark))
            case .html:
                let incomplete = try store { try database.incompleteRunIDs() }
                Console.out(TrendsHTMLRenderer.render(groups.map { $0.chartGroup(incomplete: incomplete) }, grouping: by.rawValue, language: language))
            case .table:
                if groups.isEmpty {
                    Console.out("no finished runs\(filter.scenario.map { " of '\($0)'" } ?? "") in \(database.path)\n")
                    return
                }
                for group in groups {
                    let dates = group.runs.map(\.startedAt)
                    Console.out("\(by.rawValue) \(group.name): \(group.runs.count) run\(group.runs.count == 1 ? "" : "s"), \(Formats.utc(dates.min()!)) … \(Formats.utc(dates.max()!))\n")
                    var rows = [["series", "n", "median", "p90", "latest", "over time"]]
                    for series in group.series {
                        let values = series.points.map(\.1)
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

/// The runs of one scenario (or one department within a scenario) and their series.
struct TrendGroup {
    struct Series {
        var name: String
        var points: [(TrendPoint, Double)]
        var isTime: Bool
        var range: ClosedRange<Double>?

        /// What the values are counted in, for CSV.
        var unit: String { isTime ? "seconds" : range == 0...100 ? "points" : "credit" }

        func format(_ value: Double?) -> String {
            guard let value else { return "–" }
            if isTime { return DrillTime(seconds: value)?.description ?? "–" }
            return Formats.number((value * 100).rounded() / 100)
        }
    }

    var name: String
    var runs: [TrendPoint]
    var series: [Series]

    static func make(_ points: [TrendPoint], by grouping: Firedrill.Trends.Grouping) -> [TrendGroup] {
        var order: [String] = []
        var members: [String: [TrendPoint]] = [:]
        for point in points {
            let keys = grouping == .scenario ? [point.scenarioID]
                : (point.departments.isEmpty ? ["(no department)"] : point.departments).map { "\(point.scenarioID) / \($0)" }
            for key in keys {
                if members[key] == nil { order.append(key) }
                members[key, default: []].append(point)
            }
        }
        return order.sorted().map { key in
            let runs = members[key]!.sorted { $0.startedAt < $1.startedAt }
            return TrendGroup(name: key, runs: runs, series: series(of: runs))
        }
    }

    static func series(of runs: [TrendPoint]) -> [Series] {
        var result: [Series] = []
        let scores = runs.compactMap { run in run.score.map { (run, $0) } }
        if !scores.isEmpty { result.append(Series(name: "score", points: scores, isTime: false, range: 0...100)) }
        let objectives = Set(runs.flatMap(\.credits.keys)).sorted()
        for objective in objectives {
            let points = runs.compactMap { run in run.credits[objective].map { (run, $0) } }
            result.append(Series(name: "credit \(objective)", points: points, isTime: false, range: 0...1))
        }
        let metrics: [(String, KeyPath<TrendPoint, Int64?>)] = [
            ("time to acknowledge", \.ackMs), ("time to escalate", \.escalateMs),
            ("time to first action", \.firstActionMs), ("time to resolve", \.resolveMs),
        ]
        for (name, keyPath) in metrics {
            let points = runs.compactMap { run in run[keyPath: keyPath].map { (run, Double($0) / 1000) } }
            if !points.isEmpty { result.append(Series(name: name, points: points, isTime: true, range: nil)) }
        }
        return result
    }
}

extension TrendGroup {
    /// The group as the HTML page charts it.
    func chartGroup(incomplete: Set<String>) -> TrendsHTMLRenderer.Group {
        let dates = runs.map(\.startedAt)
        func day(_ date: Date) -> String { String(Formats.utc(date).prefix(10)) }
        func minute(_ date: Date) -> String { String(Formats.utc(date).prefix(16)).replacingOccurrences(of: "T", with: " ") }
        return TrendsHTMLRenderer.Group(
            title: name,
            series: series.map { series in
                let kind: TrendsHTMLRenderer.Series.Kind =
                    series.isTime ? .time(series.name)
                    : series.name.hasPrefix("credit ") ? .credit(objective: String(series.name.dropFirst(7))) : .score
                return TrendsHTMLRenderer.Series(kind: kind, points: series.points.map { point, value in
                    TrendsHTMLRenderer.Point(runID: point.runID, date: minute(point.startedAt), value: value, incomplete: incomplete.contains(point.runID))
                })
            },
            runs: runs.count, from: dates.min().map(day) ?? "", to: dates.max().map(day) ?? ""
        )
    }
}
