/// The after-action report of one drill, computed from the scenario and the event log alone.
///
/// The JSON keys are the contract's (snake_case) plus firedrill's own additions; `null`
/// values are always written, never left out (see ``ExplicitNull``). Reports speak of
/// roles, never of people: participants' names are kept in the record, not here.
public struct DrillReport: Sendable, Hashable, Codable {
    public static let formatName = "firedrill-report/1"

    public var format: String = DrillReport.formatName
    public var scenario: ScenarioInfo
    /// 0–100 with one decimal over the objectives exercised, as adjudicated (evaluators'
    /// decisions stand over keyword matching); `null` when none carries weight.
    @ExplicitNull public var score: Double?
    /// The score keyword matching alone gave, before evaluators' decisions.
    @ExplicitNull public var automaticScore: Double?
    /// How much of the drill the score covers.
    public var coverage: Coverage
    public var objectives: [ObjectiveResult]
    public var injects: [InjectResult]
    public var metrics: Metrics
    public var drill: DrillInfo
    public var roles: [RoleInfo]
    /// Evaluators' observations, in the order recorded.
    public var observations: [ObservationEntry]
    /// Every event but survey answers, in the shape of the event streams (see ``EventView``).
    public var timeline: [EventView]
    /// Each survey question with its answers.
    public var survey: [SurveyResult]
    /// Each quiz question with the share answered correctly, overall and per department,
    /// never per person; `nil` (left out of the JSON) when the scenario has no quiz.
    public var quiz: [QuizResult]?
    /// Facts about the stored record, when the drill was recorded.
    public var record: RecordInfo?
    /// Passages of what people wrote into the record (observations, survey answers,
    /// corrective actions) that blame people rather than processes (see ``BlamelessWording``).
    public var blamelessFindings: [WordingFinding] = []

    public init(
        scenario: ScenarioInfo, score: Double?, automaticScore: Double?, coverage: Coverage, objectives: [ObjectiveResult],
        injects: [InjectResult], metrics: Metrics, drill: DrillInfo, roles: [RoleInfo], observations: [ObservationEntry],
        timeline: [EventView], survey: [SurveyResult], record: RecordInfo?, blamelessFindings: [WordingFinding] = []
    ) {
        self.scenario = scenario
        self.score = score
        self.automaticScore = automaticScore
        self.coverage = coverage
        self.objectives = objectives
        self.injects = injects
        self.metrics = metrics
        self.drill = drill
        self.roles = roles
        self.observations = observations
        self.timeline = timeline
        self.survey = survey
        self.record = record
        self.blamelessFindings = blamelessFindings
    }

    enum CodingKeys: String, CodingKey {
        case format, scenario, score, automaticScore = "automatic_score", coverage, objectives, injects, metrics, drill, roles
        case observations, timeline, survey, quiz, record
        case blamelessFindings = "blameless_findings"
    }

    public struct ScenarioInfo: Sendable, Hashable, Codable {
        public var id: String
        public var title: String
        @ExplicitNull public var summary: String?
        public var language: String
        public var durationSeconds: Double
        public var tags: [String]

        enum CodingKeys: String, CodingKey {
            case id, title, summary, language, durationSeconds = "duration_seconds", tags
        }
    }

    /// How much of the drill the score covers (contract additions: drills ended early).
    public struct Coverage: Sendable, Hashable, Codable {
        /// Objectives met or missed: the ones the score is about.
        public var objectivesExercised: Int
        public var objectivesTotal: Int
        public var weightExercised: Double
        public var weightTotal: Double
        /// The drill ran to its duration, or no objective was left unexercised.
        public var complete: Bool

        enum CodingKeys: String, CodingKey {
            case objectivesExercised = "objectives_exercised", objectivesTotal = "objectives_total"
            case weightExercised = "weight_exercised", weightTotal = "weight_total", complete
        }
    }

    public enum ObjectiveStatus: String, Sendable, Hashable, Codable, CaseIterable {
        case met
        case missed
        /// Its `from` inject was skipped (or, in a drill run to its end, never delivered).
        case notApplicable = "not-applicable"
        /// The drill ended (or stopped) before the objective could be judged: its clock had
        /// not started, or its limit had not passed.
        case notExercised = "not-exercised"

        /// Whether the objective counts in the score and the coverage.
        public var isExercised: Bool { self == .met || self == .missed }
    }

    public struct ObjectiveResult: Sendable, Hashable, Codable {
        public var id: String
        @ExplicitNull public var name: String?
        public var kind: ActionKind
        public var weight: Double
        public var status: ObjectiveStatus
        public var targetSeconds: Double
        public var limitSeconds: Double
        /// When the objective's clock started (drill start or its `from` inject's delivery).
        @ExplicitNull public var clockStartSeconds: Double?
        @ExplicitNull public var elapsedSeconds: Double?
        @ExplicitNull public var metAtSeconds: Double?
        /// The role whose action met the objective.
        @ExplicitNull public var metBy: String?
        /// The sequence number of the action that met it (its `seq` in the timeline).
        @ExplicitNull public var metByAction: Int?
        @ExplicitNull public var credit: Double?
        @ExplicitNull public var rating: Scoring.Rating?
        /// The rating keyword matching alone gave, before evaluators' decisions.
        @ExplicitNull public var automaticRating: Scoring.Rating?
        /// The rating of the latest observation about this objective that gave one.
        @ExplicitNull public var evaluatorRating: Scoring.Rating?
        /// What the team was expected to do: the objective's own `expect`, else that of the
        /// inject the objective follows.
        @ExplicitNull public var expected: String?
        /// The controls and functions the objective exercises (ISO/IEC 27001, NIST).
        public var controls: [String]
        /// An evaluator decided on an action for this objective (credited or rejected it).
        public var adjudicated: Bool

        enum CodingKeys: String, CodingKey {
            case id, name, kind, weight, status, targetSeconds = "target_seconds", limitSeconds = "limit_seconds"
            case clockStartSeconds = "clock_start_seconds", elapsedSeconds = "elapsed_seconds"
            case metAtSeconds = "met_at_seconds", metBy = "met_by", metByAction = "met_by_action", credit, rating
            case automaticRating = "automatic_rating", evaluatorRating = "evaluator_rating", expected, controls, adjudicated
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
        @ExplicitNull public var atSeconds: Double?
        public var channel: String
        public var subject: String
        /// Written by the trainer during the drill.
        public var adlib: Bool

        enum CodingKeys: String, CodingKey {
            case id, status, atSeconds = "at_seconds", channel, subject, adlib
        }
    }

    /// Drill times (from drill start) of the first action of each kind by any role, and the
    /// effective timing: detection, and the first escalation and action that met objectives.
    public struct Metrics: Sendable, Hashable, Codable {
        @ExplicitNull public var timeToAcknowledgeSeconds: Double?
        @ExplicitNull public var timeToEscalateSeconds: Double?
        @ExplicitNull public var timeToFirstActionSeconds: Double?
        @ExplicitNull public var timeToResolveSeconds: Double?
        @ExplicitNull public var timeToFirstCommunicationSeconds: Double?
        @ExplicitNull public var timeToReportSeconds: Double?
        /// The first delivered inject: the first sign of the incident.
        @ExplicitNull public var detectionAtSeconds: Double?
        /// The first escalation that met an `escalate` objective.
        @ExplicitNull public var timeToEffectiveEscalationSeconds: Double?
        /// The first action that met an `action` objective.
        @ExplicitNull public var timeToEffectiveActionSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case timeToAcknowledgeSeconds = "time_to_acknowledge_seconds"
            case timeToEscalateSeconds = "time_to_escalate_seconds"
            case timeToFirstActionSeconds = "time_to_first_action_seconds"
            case timeToResolveSeconds = "time_to_resolve_seconds"
            case timeToFirstCommunicationSeconds = "time_to_first_communication_seconds"
            case timeToReportSeconds = "time_to_report_seconds"
            case detectionAtSeconds = "detection_at_seconds"
            case timeToEffectiveEscalationSeconds = "time_to_effective_escalation_seconds"
            case timeToEffectiveActionSeconds = "time_to_effective_action_seconds"
        }
    }

    public struct DrillInfo: Sendable, Hashable, Codable {
        public var mode: DrillMode
        @ExplicitNull public var endedAtSeconds: Double?
        @ExplicitNull public var endReason: DrillEvent.EndReason?
        public var pauses: Int
        /// Times the drill was cut off and taken up again.
        public var interruptions: Int
        public var actions: Int
        /// Times the trainer changed the speed of the drill clock.
        public var speedChanges: Int
        /// Drill time the trainer skipped to reach the next inject.
        public var skippedSeconds: Double

        enum CodingKeys: String, CodingKey {
            case mode, endedAtSeconds = "ended_at_seconds", endReason = "end_reason", pauses, interruptions, actions
            case speedChanges = "speed_changes", skippedSeconds = "skipped_seconds"
        }
    }

    public struct RoleInfo: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        @ExplicitNull public var department: String?
        public var simulated: Bool
        /// The role's card (what it is expected to do), when the scenario writes one.
        public var responsibilities: [String]?
    }

    public struct ObservationEntry: Sendable, Hashable, Codable {
        public var atSeconds: Double
        @ExplicitNull public var objective: String?
        @ExplicitNull public var rating: Scoring.Rating?
        public var text: String
        @ExplicitNull public var by: String?

        enum CodingKeys: String, CodingKey {
            case atSeconds = "at_seconds", objective, rating, text, by
        }
    }

    /// A survey question with its answers: each participant's latest.
    public struct SurveyResult: Sendable, Hashable, Codable {
        public var question: String
        public var kind: SurveyQuestion.Kind
        /// Participants who answered.
        public var count: Int
        /// The scores of a scale question, in the order given.
        public var answers: [Int]
        @ExplicitNull public var median: Double?
        /// The answers of a text question, and the comments given with scores.
        public var texts: [String]
    }

    /// A quiz question's answers: how many, how many correct (the picked choices exactly the
    /// correct ones), and the same per department (that of each participant's first role).
    public struct QuizResult: Sendable, Hashable, Codable {
        public var id: String
        public var question: String
        public var answers: Int
        public var correct: Int
        /// `correct / answers`, `null` when nobody answered.
        @ExplicitNull public var shareCorrect: Double?
        /// Department → its answers; answers of participants without a department count
        /// only in the totals.
        public var byDepartment: [String: Count]

        public struct Count: Sendable, Hashable, Codable {
            public var answers: Int
            public var correct: Int
        }

        enum CodingKeys: String, CodingKey {
            case id, question, answers, correct, shareCorrect = "share_correct", byDepartment = "by_department"
        }

        /// The results of `scenario`'s quiz from its participants' answers.
        public static func results(of scenario: Scenario, answers: [QuizAnswer]) -> [QuizResult]? {
            guard !scenario.quiz.isEmpty else { return nil }
            return scenario.quiz.map { question in
                var result = QuizResult(id: question.id, question: question.question, answers: 0, correct: 0, shareCorrect: nil, byDepartment: [:])
                for answer in answers where answer.question == question.id {
                    let correct = answer.choices == question.answers ? 1 : 0
                    result.answers += 1
                    result.correct += correct
                    if let department = answer.department {
                        result.byDepartment[department, default: Count(answers: 0, correct: 0)].answers += 1
                        result.byDepartment[department, default: Count(answers: 0, correct: 0)].correct += correct
                    }
                }
                result.shareCorrect = result.answers == 0 ? nil : Double(result.correct) / Double(result.answers)
                return result
            }
        }
    }

    /// Facts about the stored record of a drill.
    public struct RecordInfo: Sendable, Hashable, Codable {
        public var runID: String
        @ExplicitNull public var startedAt: String?
        @ExplicitNull public var endedAt: String?
        @ExplicitNull public var speed: Double?
        public var scenarioSHA256: String
        @ExplicitNull public var chainHead: String?
        public var status: String
        /// The roles played and their departments (who played them is in the record, not here).
        public var participants: [PlayedRole]
        /// The improvement plan: every corrective action of the run, open and closed.
        public var correctiveActions: [CorrectiveActionSummary]
        /// The check of the run's hash chain when the report was made.
        @ExplicitNull public var verification: Verification?

        public init(
            runID: String, startedAt: String?, endedAt: String?, speed: Double?, scenarioSHA256: String,
            chainHead: String?, status: String, participants: [PlayedRole], correctiveActions: [CorrectiveActionSummary],
            verification: Verification? = nil
        ) {
            self.runID = runID
            self.startedAt = startedAt
            self.endedAt = endedAt
            self.speed = speed
            self.scenarioSHA256 = scenarioSHA256
            self.chainHead = chainHead
            self.status = status
            self.participants = participants
            self.correctiveActions = correctiveActions
            self.verification = verification
        }

        enum CodingKeys: String, CodingKey {
            case runID = "run_id", startedAt = "started_at", endedAt = "ended_at", speed
            case scenarioSHA256 = "scenario_sha256", chainHead = "chain_head", status, participants
            case correctiveActions = "corrective_actions", verification
        }

        /// Whether the run's hash chain held when the report was made (what `firedrill verify`
        /// checks first): every event links to the one before and matches its hash.
        public struct Verification: Sendable, Hashable, Codable {
            public var intact: Bool
            /// Events checked (for an intact chain).
            public var events: Int
            /// Where and why the chain breaks; `null` when intact.
            @ExplicitNull public var problem: String?

            public init(intact: Bool, events: Int, problem: String?) {
                self.intact = intact
                self.events = events
                self.problem = problem
            }
        }

        /// A role played in the drill, with its department.
        public struct PlayedRole: Sendable, Hashable, Codable {
            public var role: String
            @ExplicitNull public var department: String?

            public init(role: String, department: String?) {
                self.role = role
                self.department = department
            }
        }

        /// An item of the improvement plan, with every HSEEP column.
        public struct CorrectiveActionSummary: Sendable, Hashable, Codable {
            public var id: Int64
            @ExplicitNull public var objective: String?
            public var issue: String
            public var correctiveAction: String
            public var capability: String
            public var responsibleOrg: String
            @ExplicitNull public var responsibleRole: String?
            @ExplicitNull public var startDate: String?
            @ExplicitNull public var dueDate: String?
            public var status: String
            @ExplicitNull public var closingEvidence: String?
            @ExplicitNull public var closedAt: String?
            /// Not closed, and its due date is past.
            public var overdue: Bool
            /// ``ActionStrength`` of the corrective action, and of its closing evidence once
            /// closed; absent from reports recorded before strengths existed.
            public var strength: String?
            public var evidenceStrength: String?

            public init(
                id: Int64, objective: String?, issue: String, correctiveAction: String, capability: String,
                responsibleOrg: String, responsibleRole: String?, startDate: String?, dueDate: String?, status: String,
                closingEvidence: String?, closedAt: String?, overdue: Bool, strength: String? = nil, evidenceStrength: String? = nil
            ) {
                self.id = id
                self.objective = objective
                self.issue = issue
                self.correctiveAction = correctiveAction
                self.capability = capability
                self.responsibleOrg = responsibleOrg
                self.responsibleRole = responsibleRole
                self.startDate = startDate
                self.dueDate = dueDate
                self.status = status
                self.closingEvidence = closingEvidence
                self.closedAt = closedAt
                self.overdue = overdue
                self.strength = strength
                self.evidenceStrength = evidenceStrength
            }

            enum CodingKeys: String, CodingKey {
                case id, objective, issue, correctiveAction = "corrective_action", capability
                case responsibleOrg = "responsible_org", responsibleRole = "responsible_role"
                case startDate = "start_date", dueDate = "due_date", status
                case closingEvidence = "closing_evidence", closedAt = "closed_at", overdue
                case strength, evidenceStrength = "evidence_strength"
            }
        }
    }
}

extension DrillReport.Metrics {
    /// Every metric, by its JSON key, in the order reports list them, with its value.
    public var all: [(key: String, seconds: Double?)] {
        [
            ("detection_at_seconds", detectionAtSeconds),
            ("time_to_acknowledge_seconds", timeToAcknowledgeSeconds),
            ("time_to_escalate_seconds", timeToEscalateSeconds),
            ("time_to_effective_escalation_seconds", timeToEffectiveEscalationSeconds),
            ("time_to_first_action_seconds", timeToFirstActionSeconds),
            ("time_to_effective_action_seconds", timeToEffectiveActionSeconds),
            ("time_to_first_communication_seconds", timeToFirstCommunicationSeconds),
            ("time_to_report_seconds", timeToReportSeconds),
            ("time_to_resolve_seconds", timeToResolveSeconds),
        ]
    }

    /// The keys of ``all``.
    public static let keys = [
        "detection_at_seconds", "time_to_acknowledge_seconds", "time_to_escalate_seconds", "time_to_effective_escalation_seconds",
        "time_to_first_action_seconds", "time_to_effective_action_seconds", "time_to_first_communication_seconds",
        "time_to_report_seconds", "time_to_resolve_seconds",
    ]

    /// The first-action metrics in a fixed order with their labels, for tables.
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
