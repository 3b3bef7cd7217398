import Foundation

/// One finished run, as a point of the trends over time.
public struct TrendPoint: Sendable, Hashable {
    public var runID: String
    public var startedAt: Date
    public var scenarioID: String
    public var score: Double?
    /// Credit by objective id; objectives without credit (not applicable) are left out.
    public var credits: [String: Double]
    /// Share of correct answers by quiz question id, for the questions someone answered.
    public var quizShares: [String: Double] = [:]
    public var ackMs: Int64?
    public var escalateMs: Int64?
    public var firstActionMs: Int64?
    public var resolveMs: Int64?
    /// The departments of the run's participants, distinct and sorted, for grouping by
    /// department.
    public var departments: [String]
    /// Whether the score covers the whole drill (it was not ended before some objectives
    /// could be judged). Incomplete runs are kept out of medians unless asked for.
    public var complete: Bool

    public init(
        runID: String, startedAt: Date, scenarioID: String, score: Double?, credits: [String: Double],
        ackMs: Int64?, escalateMs: Int64?, firstActionMs: Int64?, resolveMs: Int64?, departments: [String], complete: Bool = true
    ) {
        self.runID = runID
        self.startedAt = startedAt
        self.scenarioID = scenarioID
        self.score = score
        self.credits = credits
        self.ackMs = ackMs
        self.escalateMs = escalateMs
        self.firstActionMs = firstActionMs
        self.resolveMs = resolveMs
        self.departments = departments
        self.complete = complete
    }
}
