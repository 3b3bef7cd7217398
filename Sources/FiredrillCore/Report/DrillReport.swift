/// The after-action report of one drill, computed from the scenario and the event log alone.
///
/// The JSON keys are the contract's (snake_case) plus firedrill's own additions; `null`
/// values are always written, never left out. Reports speak of roles, never of people.
public struct DrillReport: Sendable, Hashable, Codable {
    public static let formatName = "firedrill-report/1"

    public var format: String = DrillReport.formatName
    public var scenario: ScenarioInfo
    public var score: Double?
    public var objectives: [ObjectiveResult]
    public var injects: [InjectResult]
    public var metrics: Metrics
    public var drill: DrillInfo
    public var roles: [RoleInfo]
    public var timeline: [TimelineEntry]
    /// Each survey question with its answers (1–5) and their median.
    public var survey: [SurveyResult]
    /// Facts about the stored record, when the drill was recorded.
    public var record: RecordInfo?

    public struct ScenarioInfo: Sendable, Hashable, Codable {
        public var id: String
        public var title: String
        public var summary: String?
        public var language: String
        public var durationSeconds: Double
        public var tags: [String]

        enum CodingKeys: String, CodingKey {
            case id, title, summary, language, durationSeconds = "duration_seconds", tags
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(summary, forKey: .summary)
            try container.encode(language, forKey: .language)
            try container.encode(durationSeconds, forKey: .durationSeconds)
            try container.encode(tags, forKey: .tags)
        }
    }

    public enum ObjectiveStatus: String, Sendable, Hashable, Codable {
        case met
        case missed
        case notApplicable = "not-applicable"
    }

    public struct ObjectiveResult: Sendable, Hashable, Codable {
        public var id: String
        public var name: String?
        public var kind: ActionKind
        public var weight: Double
        public var status: ObjectiveStatus
        public var targetSeconds: Double
        public var limitSeconds: Double
        /// When the objective's clock started (drill start or its `from` inject's delivery).
        public var clockStartSeconds: Double?
        public var elapsedSeconds: Double?
        public var metAtSeconds: Double?
        /// The role whose action met the objective.
        public var metBy: String?
        public var credit: Double?
        public var rating: Scoring.Rating?

        enum CodingKeys: String, CodingKey {
            case id, name, kind, weight, status, targetSeconds = "target_seconds", limitSeconds = "limit_seconds"
            case clockStartSeconds = "clock_start_seconds", elapsedSeconds = "elapsed_seconds"
            case metAtSeconds = "met_at_seconds", metBy = "met_by", credit, rating
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(kind, forKey: .kind)
            try container.encode(weight, forKey: .weight)
            try container.encode(status, forKey: .status)
            try container.encode(targetSeconds, forKey: .targetSeconds)
            try container.encode(limitSeconds, forKey: .limitSeconds)
            try container.encode(clockStartSeconds, forKey: .clockStartSeconds)
            try container.encode(elapsedSeconds, forKey: .elapsedSeconds)
            try container.encode(metAtSeconds, forKey: .metAtSeconds)
            try container.encode(metBy, forKey: .metBy)
            try container.encode(credit, forKey: .credit)
            try container.encode(rating, forKey: .rating)
        }
    }

    public enum InjectStatus: String, Sendable, Hashable, Codable {
        case delivered
        case skipped
        case notReached = "not-reached"
    }

    public struct InjectResult: Sendable, Hashable, Codable {
        public var id: String
        public var status: InjectStatus
        public var atSeconds: Double?
        public var channel: String
        public var subject: String

        enum CodingKeys: String, CodingKey {
            case id, status, atSeconds = "at_seconds", channel, subject
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(status, forKey: .status)
            try container.encode(atSeconds, forKey: .atSeconds)
            try container.encode(channel, forKey: .channel)
            try container.encode(subject, forKey: .subject)
        }
    }

    /// Drill times of the first action of each kind, by any role.
    public struct Metrics: Sendable, Hashable, Codable {
        public var timeToAcknowledgeSeconds: Double?
        public var timeToEscalateSeconds: Double?
        public var timeToFirstActionSeconds: Double?
        public var timeToResolveSeconds: Double?
        public var timeToFirstCommunicationSeconds: Double?
        public var timeToReportSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case timeToAcknowledgeSeconds = "time_to_acknowledge_seconds"
            case timeToEscalateSeconds = "time_to_escalate_seconds"
            case timeToFirstActionSeconds = "time_to_first_action_seconds"
            case timeToResolveSeconds = "time_to_resolve_seconds"
            case timeToFirstCommunicationSeconds = "time_to_first_communication_seconds"
            case timeToReportSeconds = "time_to_report_seconds"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(timeToAcknowledgeSeconds, forKey: .timeToAcknowledgeSeconds)
            try container.encode(timeToEscalateSeconds, forKey: .timeToEscalateSeconds)
            try container.encode(timeToFirstActionSeconds, forKey: .timeToFirstActionSeconds)
            try container.encode(timeToResolveSeconds, forKey: .timeToResolveSeconds)
            try container.encode(timeToFirstCommunicationSeconds, forKey: .timeToFirstCommunicationSeconds)
            try container.encode(timeToReportSeconds, forKey: .timeToReportSeconds)
        }

        /// The metrics in a fixed order with their labels, for tables.
        public var labelled: [(label: String, seconds: Double?)] {
            [
                ("Time to acknowledge", timeToAcknowledgeSeconds),
                ("Time to escalate", timeToEscalateSeconds),
                ("Time to first action", timeToFirstActionSeconds),
                ("Time to first communication", timeToFirstCommunicationSeconds),
                ("Time to report", timeToReportSeconds),
                ("Time to resolve", timeToResolveSeconds),
            ]
        }
    }

    public struct DrillInfo: Sendable, Hashable, Codable {
        public var endedAtSeconds: Double?
        public var endReason: DrillEvent.EndReason?
        public var pauses: Int
        public var actions: Int

        enum CodingKeys: String, CodingKey {
            case endedAtSeconds = "ended_at_seconds", endReason = "end_reason", pauses, actions
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(endedAtSeconds, forKey: .endedAtSeconds)
            try container.encode(endReason, forKey: .endReason)
            try container.encode(pauses, forKey: .pauses)
            try container.encode(actions, forKey: .actions)
        }
    }

    public struct RoleInfo: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var department: String?
        public var simulated: Bool

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(department, forKey: .department)
            try container.encode(simulated, forKey: .simulated)
        }
    }

    /// One line of the merged timeline: an inject delivered or skipped, an action, a persona
    /// reply, or a change of the drill clock.
    public struct TimelineEntry: Sendable, Hashable, Codable {
        public var atSeconds: Double
        public var type: String
        public var inject: String?
        public var channel: String?
        public var subject: String?
        public var role: String?
        public var kind: ActionKind?
        public var target: String?
        public var text: String?
        /// Objectives this action met.
        public var met: [String]?

        enum CodingKeys: String, CodingKey {
            case atSeconds = "at_seconds", type, inject, channel, subject, role, kind, target, text, met
        }
    }

    public struct SurveyResult: Sendable, Hashable, Codable {
        public var question: String
        public var answers: [Int]
        public var median: Double?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(question, forKey: .question)
            try container.encode(answers, forKey: .answers)
            try container.encode(median, forKey: .median)
        }
    }

    /// Facts about the stored record of a drill.
    public struct RecordInfo: Sendable, Hashable, Codable {
        public var runID: String
        public var startedAt: String?
        public var endedAt: String?
        public var speed: Double?
        public var scenarioSHA256: String
        public var chainHead: String?
        public var status: String
        public var participants: [Participant]
        public var openCorrectiveActions: [CorrectiveActionSummary]

        public init(
            runID: String, startedAt: String?, endedAt: String?, speed: Double?, scenarioSHA256: String,
            chainHead: String?, status: String, participants: [Participant], openCorrectiveActions: [CorrectiveActionSummary]
        ) {
            self.runID = runID
            self.startedAt = startedAt
            self.endedAt = endedAt
            self.speed = speed
            self.scenarioSHA256 = scenarioSHA256
            self.chainHead = chainHead
            self.status = status
            self.participants = participants
            self.openCorrectiveActions = openCorrectiveActions
        }

        enum CodingKeys: String, CodingKey {
            case runID = "run_id", startedAt = "started_at", endedAt = "ended_at", speed
            case scenarioSHA256 = "scenario_sha256", chainHead = "chain_head", status, participants
            case openCorrectiveActions = "open_corrective_actions"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(runID, forKey: .runID)
            try container.encode(startedAt, forKey: .startedAt)
            try container.encode(endedAt, forKey: .endedAt)
            try container.encode(speed, forKey: .speed)
            try container.encode(scenarioSHA256, forKey: .scenarioSHA256)
            try container.encode(chainHead, forKey: .chainHead)
            try container.encode(status, forKey: .status)
            try container.encode(participants, forKey: .participants)
            try container.encode(openCorrectiveActions, forKey: .openCorrectiveActions)
        }

        /// A role played in the drill; the person's name is kept with the record, not analysed.
        public struct Participant: Sendable, Hashable, Codable {
            public var role: String
            public var displayName: String?
            public var department: String?

            public init(role: String, displayName: String?, department: String?) {
                self.role = role
                self.displayName = displayName
                self.department = department
            }

            enum CodingKeys: String, CodingKey {
                case role, displayName = "display_name", department
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(role, forKey: .role)
                try container.encode(displayName, forKey: .displayName)
                try container.encode(department, forKey: .department)
            }
        }

        public struct CorrectiveActionSummary: Sendable, Hashable, Codable {
            public var id: Int64
            public var objective: String?
            public var issue: String
            public var correctiveAction: String
            public var capability: String
            public var dueDate: String?

            public init(id: Int64, objective: String?, issue: String, correctiveAction: String, capability: String, dueDate: String?) {
                self.id = id
                self.objective = objective
                self.issue = issue
                self.correctiveAction = correctiveAction
                self.capability = capability
                self.dueDate = dueDate
            }

            enum CodingKeys: String, CodingKey {
                case id, objective, issue, correctiveAction = "corrective_action", capability, dueDate = "due_date"
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(id, forKey: .id)
                try container.encode(objective, forKey: .objective)
                try container.encode(issue, forKey: .issue)
                try container.encode(correctiveAction, forKey: .correctiveAction)
                try container.encode(capability, forKey: .capability)
                try container.encode(dueDate, forKey: .dueDate)
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case format, scenario, score, objectives, injects, metrics, drill, roles, timeline, survey, record
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(score, forKey: .score)
        try container.encode(objectives, forKey: .objectives)
        try container.encode(injects, forKey: .injects)
        try container.encode(metrics, forKey: .metrics)
        try container.encode(drill, forKey: .drill)
        try container.encode(roles, forKey: .roles)
        try container.encode(timeline, forKey: .timeline)
        try container.encode(survey, forKey: .survey)
        try container.encodeIfPresent(record, forKey: .record)
    }
}
