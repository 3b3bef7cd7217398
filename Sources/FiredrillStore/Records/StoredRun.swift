import FiredrillCore
import Foundation
import GRDB

/// A row of the `run` table: one recorded drill.
///
/// Instants are kept as stored: ISO-8601 text in UTC with milliseconds; drill times and
/// metrics are milliseconds of drill clock.
public struct StoredRun: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "run"

    public var id: String
    public var scenarioID: String
    public var scenarioTitle: String
    /// The exact text of the scenario file the drill was played from.
    public var scenarioSource: String
    /// Lowercase hex SHA-256 of the UTF-8 bytes of ``scenarioSource``.
    public var scenarioSHA256: String
    public var scenarioPath: String
    /// Live or replay; follows from ``interface``.
    public var mode: DrillMode
    public var interface: RunInterface
    public var speed: Double?
    /// When the record was made (a server drill is made before it starts).
    public var createdAt: String
    /// When the drill started (until then, when the record was made).
    public var startedAt: String
    public var endedAt: String?
    public var status: RunStatus
    /// The last known drill time, for resuming.
    public var checkpointMs: Int64
    public var score: Double?
    public var objectivesExercised: Int?
    public var objectivesTotal: Int?
    public var weightExercised: Double?
    public var weightTotal: Double?
    /// Whether the score covers the whole drill (see ``DrillReport/Coverage``).
    public var complete: Bool?
    public var ackMs: Int64?
    public var escalateMs: Int64?
    public var firstActionMs: Int64?
    public var resolveMs: Int64?
    public var detectionMs: Int64?
    public var effectiveEscalationMs: Int64?
    public var effectiveActionMs: Int64?
    /// 1: the chain's first hash covers the run id and scenario hash; 2: it covers ``facts``.
    public var chainVersion: Int
    /// The run's own facts as canonical JSON (``RunFacts``), fixed when the drill starts.
    public var facts: String?
    /// How the run is played (``RunOptions``), as JSON.
    public var options: String?
    /// The hash of the last event, `nil` before the first event.
    public var chainHead: String?
    public var eventCount: Int

    enum CodingKeys: String, CodingKey {
        case id
        case scenarioID = "scenario_id"
        case scenarioTitle = "scenario_title"
        case scenarioSource = "scenario_source"
        case scenarioSHA256 = "scenario_sha256"
        case scenarioPath = "scenario_path"
        case mode, interface, speed
        case createdAt = "created_at"
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case status
        case checkpointMs = "checkpoint_ms"
        case score
        case objectivesExercised = "objectives_exercised"
        case objectivesTotal = "objectives_total"
        case weightExercised = "weight_exercised"
        case weightTotal = "weight_total"
        case complete
        case ackMs = "ack_ms"
        case escalateMs = "escalate_ms"
        case firstActionMs = "first_action_ms"
        case resolveMs = "resolve_ms"
        case detectionMs = "detection_ms"
        case effectiveEscalationMs = "effective_escalation_ms"
        case effectiveActionMs = "effective_action_ms"
        case chainVersion = "chain_version"
        case facts, options
        case chainHead = "chain_head"
        case eventCount = "event_count"
    }

    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let scenarioID = Column(CodingKeys.scenarioID)
        static let scenarioSHA256 = Column(CodingKeys.scenarioSHA256)
        static let startedAt = Column(CodingKeys.startedAt)
        static let endedAt = Column(CodingKeys.endedAt)
        static let status = Column(CodingKeys.status)
        static let checkpointMs = Column(CodingKeys.checkpointMs)
        static let score = Column(CodingKeys.score)
        static let chainHead = Column(CodingKeys.chainHead)
        static let eventCount = Column(CodingKeys.eventCount)
    }

    /// ``startedAt`` as a date.
    public var startedDate: Date? { Timestamp.date(from: startedAt) }
    /// ``endedAt`` as a date.
    public var endedDate: Date? { endedAt.flatMap(Timestamp.date(from:)) }
}
