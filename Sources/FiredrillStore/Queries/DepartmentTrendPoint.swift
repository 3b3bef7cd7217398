import Foundation

/// What one department did in one finished run, as a point of the trends per department:
/// the objectives its roles met and the actions they took, with times counted from the
/// run's first delivered inject (its detection), so that departments compare across
/// scenarios whose first sign of the incident comes at different drill times.
public struct DepartmentTrendPoint: Sendable, Hashable {
    public var runID: String
    public var startedAt: Date
    public var scenarioID: String
    public var department: String
    public var complete: Bool
    /// Objectives met by a role of this department, with the credit each earned.
    public var credits: [String: Double]
    /// Actions taken by the department's roles.
    public var actions: Int
    /// Milliseconds from detection to the department's first acknowledgement, escalation and
    /// action of any kind; `nil` when it took none.
    public var acknowledgeMs: Int64?
    public var escalateMs: Int64?
    public var firstActionMs: Int64?

    public init(
        runID: String, startedAt: Date, scenarioID: String, department: String, complete: Bool, credits: [String: Double],
        actions: Int, acknowledgeMs: Int64?, escalateMs: Int64?, firstActionMs: Int64?
    ) {
        self.runID = runID
        self.startedAt = startedAt
        self.scenarioID = scenarioID
        self.department = department
        self.complete = complete
        self.credits = credits
        self.actions = actions
        self.acknowledgeMs = acknowledgeMs
        self.escalateMs = escalateMs
        self.firstActionMs = firstActionMs
    }

    /// The mean credit of the objectives the department met, `nil` when it met none.
    public var meanCredit: Double? {
        credits.isEmpty ? nil : credits.values.reduce(0, +) / Double(credits.count)
    }
}
