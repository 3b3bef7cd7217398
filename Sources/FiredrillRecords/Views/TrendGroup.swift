import FiredrillCore
import FiredrillStore
import Foundation

/// The runs of one scenario, or the part one department played in runs of any scenario, and
/// their series.
public struct TrendGroup: Sendable {
    /// One value of a series: a run's figure.
    public struct Sample: Sendable, Hashable {
        public var runID: String
        public var startedAt: Date
        public var complete: Bool
        public var value: Double
    }

    public struct Series: Sendable {
        public var name: String
        public var samples: [Sample]
        public var isTime: Bool
        public var range: ClosedRange<Double>?

        /// The series of `value` over `runs`, leaving out runs without one; `nil` when none has one.
        public init?<Run: TrendRun>(_ name: String, of runs: [Run], isTime: Bool, range: ClosedRange<Double>?, _ value: (Run) -> Double?) {
            let samples = runs.compactMap { run in value(run).map { Sample(runID: run.runID, startedAt: run.startedAt, complete: run.complete, value: $0) } }
            guard !samples.isEmpty else { return nil }
            self.init(name: name, samples: samples, isTime: isTime, range: range)
        }

        public init(name: String, samples: [Sample], isTime: Bool, range: ClosedRange<Double>?) {
            self.name = name
            self.samples = samples
            self.isTime = isTime
            self.range = range
        }

        /// What the values are counted in, for CSV.
        public var unit: String {
            isTime ? "seconds" : range == 0...100 ? "points" : name.hasPrefix("quiz ") ? "share" : range == 0...1 ? "credit" : "count"
        }
    }

    public var name: String
    /// When each run started, and whether it was complete.
    public var runs: [(startedAt: Date, complete: Bool)]
    public var series: [Series]

    /// One group per scenario: the team's score, each objective's credit, the timing metrics.
    public static func scenarios(_ points: [TrendPoint]) -> [TrendGroup] {
        Dictionary(grouping: points, by: \.scenarioID).sorted { $0.key < $1.key }.map { scenario, points in
            let runs = points.sorted { $0.startedAt < $1.startedAt }
            func series(_ name: String, isTime: Bool = false, range: ClosedRange<Double>? = nil, _ value: (TrendPoint) -> Double?) -> Series? {
                Series(name, of: runs, isTime: isTime, range: range, value)
            }
            var all: [Series?] = [series("score", range: 0...100) { $0.score }]
            for objective in Set(runs.flatMap(\.credits.keys)).sorted() {
                all.append(series("credit \(objective)", range: 0...1) { $0.credits[objective] })
            }
            for question in Set(runs.flatMap(\.quizShares.keys)).sorted() {
                all.append(series("quiz \(question)", range: 0...1) { $0.quizShares[question] })
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
    public static func departments(_ points: [DepartmentTrendPoint]) -> [TrendGroup] {
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
public protocol TrendRun {
    var runID: String { get }
    var startedAt: Date { get }
    var complete: Bool { get }
}

extension TrendPoint: TrendRun {}
extension DepartmentTrendPoint: TrendRun {}

extension TrendGroup {
    /// How runs are grouped: per scenario (the team's figures) or per department across scenarios.
    public enum Grouping: String, Sendable, CaseIterable {
        case scenario, department
    }

    /// The groups of finished runs matching the filters, and how many incomplete runs were
    /// left out (none when `includeIncomplete`).
    public static func query(
        _ database: any DrillStore, by grouping: Grouping, scenarioID: String?, since: Date?, until: Date?, includeIncomplete: Bool
    ) throws -> (groups: [TrendGroup], incompleteLeftOut: Int) {
        switch grouping {
        case .scenario:
            let all = try database.trendPoints(scenarioID: scenarioID, since: since, until: until)
            let points = includeIncomplete ? all : all.filter(\.complete)
            return (scenarios(points), all.count - points.count)
        case .department:
            let all = try database.departmentTrendPoints(scenarioID: scenarioID, since: since, until: until)
            let points = includeIncomplete ? all : all.filter(\.complete)
            return (departments(points), includeIncomplete ? 0 : Set(all.filter { !$0.complete }.map(\.runID)).count)
        }
    }
}

/// Trends as JSON (`firedrill trends --format json`, `GET /api/v1/trends`): per group, every
/// series with its median, 90th percentile (nearest rank), latest value and every run's value.
public struct TrendsDocument: Sendable, Encodable {
    public struct Group: Sendable, Encodable {
        public var name: String
        public var runs: Int
        public var incompleteRuns: Int
        @ExplicitNull public var from: String?
        @ExplicitNull public var to: String?
        public var series: [Series]

        enum CodingKeys: String, CodingKey {
            case name, runs, incompleteRuns = "incomplete_runs", from, to, series
        }
    }

    public struct Series: Sendable, Encodable {
        public var name: String
        /// `seconds`, `points`, `credit` or `count`.
        public var unit: String
        @ExplicitNull public var median: Double?
        @ExplicitNull public var p90: Double?
        @ExplicitNull public var latest: Double?
        public var values: [Value]
    }

    public struct Value: Sendable, Encodable {
        public var runID: String
        public var startedAt: String
        public var value: Double
        public var complete: Bool

        enum CodingKeys: String, CodingKey {
            case runID = "run_id", startedAt = "started_at", value, complete
        }
    }

    /// `scenario` or `department`.
    public var by: String
    /// Runs ended before all their objectives could be judged, left out of every series.
    public var incompleteLeftOut: Int
    public var groups: [Group]

    enum CodingKeys: String, CodingKey {
        case by, incompleteLeftOut = "incomplete_left_out", groups
    }

    public init(by: String, groups: [TrendGroup], incompleteLeftOut: Int) {
        self.by = by
        self.incompleteLeftOut = incompleteLeftOut
        self.groups = groups.map { group in
            let dates = group.runs.map(\.startedAt)
            return Group(
                name: group.name, runs: group.runs.count, incompleteRuns: group.runs.filter { !$0.complete }.count,
                from: dates.min().map(HistoryEntry.utc), to: dates.max().map(HistoryEntry.utc),
                series: group.series.map { series in
                    // Medians over the runs that count: complete ones (all, when asked to include the others).
                    let values = series.samples.map(\.value)
                    return Series(
                        name: series.name, unit: series.unit, median: Statistics.median(values),
                        p90: Statistics.percentile(90, of: values), latest: values.last,
                        values: series.samples.map { Value(runID: $0.runID, startedAt: HistoryEntry.utc($0.startedAt), value: $0.value, complete: $0.complete) }
                    )
                }
            )
        }
    }
}
