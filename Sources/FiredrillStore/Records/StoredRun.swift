import FiredrillCore
import Foundation

/// A row of the `run` table: one recorded drill.
///
/// Instants are kept as stored: ISO-8601 text in UTC with milliseconds; drill times and
/// metrics are milliseconds of drill clock.
public struct StoredRun: Sendable, Hashable, Codable {

    /// Every field, as the store's backends fill it.
    package init(
        id: String, scenarioID: String, scenarioTitle: String, scenarioSource: String, scenarioSHA256: String, scenarioPath: String, mode: DrillMode, interface: RunInterface, speed: Double? = nil, createdAt: String, startedAt: String, endedAt: String? = nil, status: RunStatus, checkpointMs: Int64, score: Double? = nil, objectivesExercised: Int? = nil, objectivesTotal: Int? = nil, weightExercised: Double? = nil, weightTotal: Double? = nil, complete: Bool? = nil, ackMs: Int64? = nil, escalateMs: Int64? = nil, firstActionMs: Int64? = nil, resolveMs: Int64? = nil, detectionMs: Int64? = nil, effectiveEscalationMs: Int64? = nil, effectiveActionMs: Int64? = nil, chainVersion: Int, facts: String? = nil, options: String? = nil, chainHead: String? = nil, eventCount: Int
    ) {
        self.id = id
        self.scenarioID = scenarioID
        self.scenarioTitle = scenarioTitle
        self.scenarioSource = scenarioSource
        self.scenarioSHA256 = scenarioSHA256
        self.scenarioPath = scenarioPath
        self.mode = mode
        self.interface = interface
        self.speed = speed
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.checkpointMs = checkpointMs
        self.score = score
        self.objectivesExercised = objectivesExercised
        self.objectivesTotal = objectivesTotal
        self.weightExercised = weightExercised
        self.weightTotal = weightTotal
        self.complete = complete
        self.ackMs = ackMs
        self.escalateMs = escalateMs
        self.firstActionMs = firstActionMs
        self.resolveMs = resolveMs
        self.detectionMs = detectionMs
        self.effectiveEscalationMs = effectiveEscalationMs
        self.effectiveActionMs = effectiveActionMs
        self.chainVersion = chainVersion
        self.facts = facts
        self.options = options
        self.chainHead = chainHead
        self.eventCount = eventCount
    }

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

    /// ``startedAt`` as a date.
    public var startedDate: Date? { Timestamp.date(from: startedAt) }
    /// ``endedAt`` as a date.
    public var endedDate: Date? { endedAt.flatMap(Timestamp.date(from:)) }
}

extension StoredRun {
    /// What a report says about this run's record: its times, chain head and participants,
    /// and its improvement plan, overdue as of `now` on this machine's calendar (as the
    /// people who run it count days).
    public func recordInfo(participants: [Participant], actions: [CorrectiveAction], now: Date) -> DrillReport.RecordInfo {
        let today = CalendarDay(now).description
        return DrillReport.RecordInfo(
            runID: id, startedAt: startedAt, endedAt: endedAt, speed: speed.flatMap { $0.isFinite ? $0 : nil },
            scenarioSHA256: scenarioSHA256, chainHead: chainHead, status: status.rawValue,
            participants: participants.map { .init(role: $0.role, department: $0.department) },
            correctiveActions: actions.map { $0.summary(today: today) }
        )
    }
}
