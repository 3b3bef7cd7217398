import FiredrillCore
import Foundation

/// One run in the history list.
public struct HistoryRow: Sendable, Hashable {
    public var runID: String
    public var scenarioID: String
    public var scenarioTitle: String
    public var startedAt: Date
    public var endedAt: Date?
    public var status: RunStatus
    public var score: Double?
    public var ackMs: Int64?
    public var escalateMs: Int64?
    public var firstActionMs: Int64?
    public var resolveMs: Int64?
    /// Corrective actions of the run not closed yet.
    public var openActions: Int
    /// Live (terminal or server) or a scripted replay; `nil` when the stored value cannot be read.
    public var mode: DrillMode? = nil
    /// How much of the drill the score covers (`nil` before the run has a result).
    public var objectivesExercised: Int? = nil
    public var objectivesTotal: Int? = nil
    /// Whether the score covers the whole drill; `false` for a drill ended before some
    /// objectives could be judged.
    public var complete: Bool? = nil
    /// Drill times (from the start) of the first delivered inject, and of the first escalation
    /// and the first action that met an objective.
    public var detectionMs: Int64? = nil
    public var effectiveEscalationMs: Int64? = nil
    public var effectiveActionMs: Int64? = nil
    /// Stored values of the run that could not be read (an edited or damaged record); the
    /// row is still listed, with these values left out.
    public var damage: [String] = []

    public init(
        runID: String, scenarioID: String, scenarioTitle: String, startedAt: Date, endedAt: Date?, status: RunStatus,
        score: Double?, ackMs: Int64?, escalateMs: Int64?, firstActionMs: Int64?, resolveMs: Int64?, openActions: Int
    ) {
        self.runID = runID
        self.scenarioID = scenarioID
        self.scenarioTitle = scenarioTitle
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.score = score
        self.ackMs = ackMs
        self.escalateMs = escalateMs
        self.firstActionMs = firstActionMs
        self.resolveMs = resolveMs
        self.openActions = openActions
    }
}
