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
            of every series and a sparkline of its values in order. A run ended before some of its \
            objectives could be judged is incomplete: its score covers only part of the drill, so \
            it is left out unless --include-incomplete is given (and then counted and marked as \
            such). --format csv writes every data point (scope, group, series, run, date, value, \
            unit, complete) for spreadsheets; --format html a page of charts (every run's value, \
            the median and 90th percentile of the last runs over time, runs ended early marked).
            """
        )

        enum Grouping: String, ExpressibleByArgument, CaseIterable {
            case scenario, department
        }

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, csv, html
        }

        @Option(help: "Group by scenario (the team's figures), or by department across scenarios (what its roles met and did).")
        var by: Grouping = .scenario

        @OptionGroup var filter: RunFilterOptions

        @Option(help: "Output: table, csv or html.")
        var format: Format = .table

        @Flag(help: "Count runs ended before all their objectives could be judged (left out by default).")
        var includeIncomplete = false

        @Option(name: .customLong("lang"), help: "Language of the HTML page: en or ja (default: en).")
        var language: Language = .english

        @OptionGroup var csvOptions: CSVOptions

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let database = try database.open(.readOnly)
            let groups: [TrendGroup]
            let leftOut: Int
            switch by {
            case .scenario:
                let all = try store { try database.trendPoints(scenarioID: filter.scenario, since: filter.since?.start, until: filter.until?.end) }
                let points = includeIncomplete ? all : all.filter(\.complete)
                leftOut = all.count - points.count
                groups = TrendGroup.scenarios(points)
            case .department:
                let all = try store { try database.departmentTrendPoints(scenarioID: filter.scenario, since: filter.since?.start, until: filter.until?.end) }
                let points = includeIncomplete ? all : all.filter(\.complete)
                leftOut = includeIncomplete ? 0 : Set(all.filter { !$0.complete }.map(\.runID)).count
                groups = TrendGroup.departments(points)
            }
            switch format {
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

/// The runs of one scenario, or the part one department played in runs of any scenario, and
/// their series.
struct TrendGroup {
    /// One value of a series: a run's figure.
    struct Sample {
        var runID: String
        var startedAt: Date
        var complete: Bool
        var value: Double
    }

    struct Series {
        var name: String
        var samples: [Sample]
        var isTime: Bool
        var range: ClosedRange<Double>?

        /// The series of `value` over `runs`, leaving out runs without one; `nil` when none has one.
        init?<Run: TrendRun>(_ name: String, of runs: [Run], isTime: Bool, range: ClosedRange<Double>?, _ value: (Run) -> Double?) {
            let samples = runs.compactMap { run in value(run).map { Sample(runID: run.runID, startedAt: run.startedAt, complete: run.complete, value: $0) } }
            guard !samples.isEmpty else { return nil }
            self.init(name: name, samples: samples, isTime: isTime, range: range)
        }

        init(name: String, samples: [Sample], isTime: Bool, range: ClosedRange<Double>?) {
            self.name = name
            self.samples = samples
            self.isTime = isTime
            self.range = range
        }

        /// What the values are counted in, for CSV.
        var unit: String { isTime ? "seconds" : range == 0...100 ? "points" : range == 0...1 ? "credit" : "count" }

        func format(_ value: Double?) -> String {
            guard let value else { return "–" }
            if isTime { return DrillTime(seconds: value)?.description ?? "–" }
            return Formats.number((value * 100).rounded() / 100)
        }
    }

    var name: String
    /// When each run started, and whether it was complete.
    var runs: [(startedAt: Date, complete: Bool)]
    var series: [Series]

    /// One group per scenario: the team's score, each objective's credit, the timing metrics.
    static func scenarios(_ points: [TrendPoint]) -> [TrendGroup] {
        Dictionary(grouping: points, by: \.scenarioID).sorted { $0.key < $1.key }.map { scenario, points in
            let runs = points.sorted { $0.startedAt < $1.startedAt }
            func series(_ name: String, isTime: Bool = false, range: ClosedRange<Double>? = nil, _ value: (TrendPoint) -> Double?) -> Series? {
                Series(name, of: runs, isTime: isTime, range: range, value)
            }
            var all: [Series?] = [series("score", range: 0...100) { $0.score }]
            for objective in Set(runs.flatMap(\.credits.keys)).sorted() {
                all.append(series("credit \(objective)", range: 0...1) { $0.credits[objective] })
            }
            all += [
                series("time to acknowledge", isTime: true) { $0.ackMs.map(Self.seconds) },
                series("time to escalate", isTime: true) { $0.escalateMs.map(Self.seconds) },
                series("time to first action", isTime: true) { $0.firstActionMs.map(Self.seconds) },
                series("time to resolve", isTime: true) { $0.resolveMs.map(Self.seconds) },
            ]
            return TrendGroup(name: scenario, runs: runs.map { ($0.startedAt, $0.complete) }, series: all.compactMap { $0 })
        }
    }

    /// One group per department, across scenarios: the credit of the objectives its roles met,
    /// how many they met, the actions they took, and their first acknowledgement, escalation
    /// and action counted from the run's detection (the team's score is not the department's).
    static func departments(_ points: [DepartmentTrendPoint]) -> [TrendGroup] {
        Dictionary(grouping: points, by: \.department).sorted { $0.key < $1.key }.map { department, points in
            let runs = points.sorted { $0.startedAt < $1.startedAt }
            func series(_ name: String, isTime: Bool = false, range: ClosedRange<Double>? = nil, _ value: (DepartmentTrendPoint) -> Double?) -> Series? {
                Series(name, of: runs, isTime: isTime, range: range, value)
            }
            let all: [Series?] = [
                series("credit of objectives met", range: 0...1) { $0.meanCredit },
                series("objectives met") { Double($0.credits.count) },
                series("actions taken") { Double($0.actions) },
                series("time to acknowledge from detection", isTime: true) { $0.acknowledgeMs.map(Self.seconds) },
                series("time to escalate from detection", isTime: true) { $0.escalateMs.map(Self.seconds) },
                series("time to first action from detection", isTime: true) { $0.firstActionMs.map(Self.seconds) },
            ]
            return TrendGroup(name: department, runs: runs.map { ($0.startedAt, $0.complete) }, series: all.compactMap { $0 })
        }
    }

    static func seconds(_ milliseconds: Int64) -> Double { Double(milliseconds) / 1000 }
}

/// A run as a point of a trend: when it started and whether its score covers the whole drill.
protocol TrendRun {
    var runID: String { get }
    var startedAt: Date { get }
    var complete: Bool { get }
}

extension TrendPoint: TrendRun {}
extension DepartmentTrendPoint: TrendRun {}

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
                    : series.range == 0...100 ? .score : .count(series.name)
                return TrendsHTMLRenderer.Series(kind: kind, points: series.samples.map { sample in
                    TrendsHTMLRenderer.Point(runID: sample.runID, date: minute(sample.startedAt), value: sample.value, incomplete: !sample.complete)
                })
            },
            runs: runs.count, from: dates.min().map(day) ?? "", to: dates.max().map(day) ?? ""
        )
    }
}
