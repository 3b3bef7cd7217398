import FiredrillCore
import FiredrillStore
import Foundation

/// A history row as written in JSON (every key, `null` included) and CSV.
public struct HistoryEntry: Sendable, Hashable, Encodable {
    public var runID: String
    public var scenarioID: String
    public var scenarioTitle: String
    public var status: String
    @ExplicitNull public var score: Double?
    public var startedAt: String
    @ExplicitNull public var endedAt: String?
    @ExplicitNull public var timeToAcknowledgeSeconds: Double?
    @ExplicitNull public var timeToEscalateSeconds: Double?
    @ExplicitNull public var timeToFirstActionSeconds: Double?
    @ExplicitNull public var timeToResolveSeconds: Double?
    public var openCorrectiveActions: Int
    /// Stored values that could not be read (a damaged or edited record).
    public var recordProblems: [String]
    @ExplicitNull public var mode: String?
    @ExplicitNull public var objectivesExercised: Int?
    @ExplicitNull public var objectivesTotal: Int?
    @ExplicitNull public var complete: Bool?
    @ExplicitNull public var detectionAtSeconds: Double?
    @ExplicitNull public var timeToEffectiveEscalationSeconds: Double?
    @ExplicitNull public var timeToEffectiveActionSeconds: Double?

    public init(_ row: HistoryRow) {
        runID = row.runID
        scenarioID = row.scenarioID
        scenarioTitle = row.scenarioTitle
        status = row.status.rawValue
        score = row.score
        startedAt = Self.utc(row.startedAt)
        endedAt = row.endedAt.map(Self.utc)
        timeToAcknowledgeSeconds = Self.seconds(row.ackMs)
        timeToEscalateSeconds = Self.seconds(row.escalateMs)
        timeToFirstActionSeconds = Self.seconds(row.firstActionMs)
        timeToResolveSeconds = Self.seconds(row.resolveMs)
        openCorrectiveActions = row.openActions
        recordProblems = row.damage
        mode = row.mode?.rawValue
        objectivesExercised = row.objectivesExercised
        objectivesTotal = row.objectivesTotal
        complete = row.complete
        detectionAtSeconds = Self.seconds(row.detectionMs)
        timeToEffectiveEscalationSeconds = Self.seconds(row.effectiveEscalationMs)
        timeToEffectiveActionSeconds = Self.seconds(row.effectiveActionMs)
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case runID = "run_id", scenarioID = "scenario_id", scenarioTitle = "scenario_title", status, score
        case startedAt = "started_at", endedAt = "ended_at"
        case timeToAcknowledgeSeconds = "time_to_acknowledge_seconds", timeToEscalateSeconds = "time_to_escalate_seconds"
        case timeToFirstActionSeconds = "time_to_first_action_seconds", timeToResolveSeconds = "time_to_resolve_seconds"
        case openCorrectiveActions = "open_corrective_actions"
        case recordProblems = "record_problems"
        case mode, objectivesExercised = "objectives_exercised", objectivesTotal = "objectives_total", complete
        case detectionAtSeconds = "detection_at_seconds"
        case timeToEffectiveEscalationSeconds = "time_to_effective_escalation_seconds"
        case timeToEffectiveActionSeconds = "time_to_effective_action_seconds"
    }

    /// The JSON keys, in order: the CSV header of `firedrill history`.
    public static let keys = CodingKeys.allCases.map(\.rawValue)

    /// `2026-12-07T09:30:00Z`.
    public static func utc(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func seconds(_ milliseconds: Int64?) -> Double? { milliseconds.map { Double($0) / 1000 } }
}
