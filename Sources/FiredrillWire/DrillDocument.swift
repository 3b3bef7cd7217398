import FiredrillCore

/// A drill as `GET /api/v1/drills/{id}` gives it to a caller, and as steering answers
/// (`start`, `pause`, …) give it back.
public struct DrillDocument: Sendable, Hashable, Codable {
    public var id: String
    public var scenarioID: String
    public var title: String
    public var status: DrillStatus
    public var drillSeconds: Double
    public var durationSeconds: Double
    /// Drill time per real time, now (the trainer may change it at any time).
    public var speed: Double
    @ExplicitNull public var briefing: String?
    /// For the trainer, evaluators and observers; never for players (it may give the drill away).
    @ExplicitNull public var summary: String?
    public var language: String
    public var channels: [String]
    public var roles: [RoleDocument]
    public var myRoles: [String]
    public var me: CallerDocument
    public var survey: [SurveyQuestionDocument]
    public var createdAt: String
    public var mode: DrillMode
    /// The sequence number of the drill's latest event (`null` before the first): events
    /// with a higher one on a stream happened after this answer.
    @ExplicitNull public var lastSeq: Int?
    /// The drill time of the next scheduled inject, for the trainer's "go to the next
    /// inject" (`null` when none is scheduled, and for everyone else).
    @ExplicitNull public var nextInjectSeconds: Double?
    /// The bounds the server holds inputs to, so that pages need not hard-code them.
    public var limits: Limits
    /// The role cards the caller sees: a player those of its roles only; staff and
    /// observers every role's.
    public var roleCards: [RoleCardDocument]
    /// How many questions the quiz after the drill has (0: none).
    public var quizQuestions: Int

    public init(
        id: String, scenarioID: String, title: String, status: DrillStatus, drillSeconds: Double, durationSeconds: Double,
        speed: Double, briefing: String?, summary: String?, language: String, channels: [String], roles: [RoleDocument],
        myRoles: [String], me: CallerDocument, survey: [SurveyQuestionDocument], createdAt: String, mode: DrillMode,
        lastSeq: Int?, nextInjectSeconds: Double?, limits: Limits = .current, roleCards: [RoleCardDocument] = [], quizQuestions: Int = 0
    ) {
        self.id = id
        self.scenarioID = scenarioID
        self.title = title
        self.status = status
        self.drillSeconds = drillSeconds
        self.durationSeconds = durationSeconds
        self.speed = speed
        self.briefing = briefing
        self.summary = summary
        self.language = language
        self.channels = channels
        self.roles = roles
        self.myRoles = myRoles
        self.me = me
        self.survey = survey
        self.createdAt = createdAt
        self.mode = mode
        self.lastSeq = lastSeq
        self.nextInjectSeconds = nextInjectSeconds
        self.limits = limits
        self.roleCards = roleCards
        self.quizQuestions = quizQuestions
    }

    enum CodingKeys: String, CodingKey {
        case id, scenarioID = "scenario_id", title, status, drillSeconds = "drill_seconds", durationSeconds = "duration_seconds"
        case speed, briefing, summary, language, channels, roles, myRoles = "my_roles", me, survey, createdAt = "created_at", mode
        case lastSeq = "last_seq", nextInjectSeconds = "next_inject_seconds", limits
        case roleCards = "role_cards", quizQuestions = "quiz_questions"
    }

    /// The scenario as far as a player knows it: its title, briefing, roles (simulated ones
    /// without their rules; the cards of its own roles), channels and survey; none of its
    /// injects or objectives.
    public var playerScenario: Scenario {
        var scenario = Scenario(
            id: id, title: title, duration: DrillTime(seconds: durationSeconds) ?? .zero,
            roles: roles.map { role in
                Role(id: role.id, name: role.name, department: role.department, persona: role.simulated ? Persona() : nil,
                     responsibilities: roleCards.first { $0.role == role.id }?.responsibilities ?? [])
            },
            injects: [], objectives: []
        )
        scenario.briefing = briefing
        scenario.language = language
        scenario.channels = channels
        scenario.survey = survey.map { SurveyQuestion($0.question, kind: $0.kind) }
        return scenario
    }
}

/// Where a drill on the server stands, as the API names it.
public enum DrillStatus: String, Sendable, Hashable, Codable {
    /// Made, not started: players can join and read the briefing.
    case ready
    case running
    case paused
    /// Cut off (the server stopped) and offered again, paused where its clock stopped.
    case interrupted
    case finished
}

/// The bounds inputs are held to, from the core's own constants.
public struct Limits: Sendable, Hashable, Codable {
    public var speedMinimum: Double
    public var speedMaximum: Double
    /// The longest action text, in characters.
    public var actionText: Int
    /// The longest display name, in characters.
    public var name: Int
    /// The longest multi-line text (an ad-lib body, an observation, a survey comment).
    public var text: Int
    /// The longest one-line text (a subject, a sender).
    public var line: Int

    public static let current = Limits(
        speedMinimum: DrillSpeed.range.lowerBound, speedMaximum: DrillSpeed.range.upperBound,
        actionText: PlayerAction.maximumTextLength, name: Participant.maximumNameLength,
        text: ValidationLimits.default.maximumTextLength, line: ValidationLimits.default.maximumLineLength
    )

    enum CodingKeys: String, CodingKey {
        case speedMinimum = "speed_min", speedMaximum = "speed_max", actionText = "action_text", name, text, line
    }
}

public struct RoleDocument: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    @ExplicitNull public var department: String?
    public var simulated: Bool

    public init(id: String, name: String, department: String?, simulated: Bool) {
        self.id = id
        self.name = name
        self.department = department
        self.simulated = simulated
    }
}

/// A role's card: what the role is expected to do, in the organisation's words.
public struct RoleCardDocument: Sendable, Hashable, Codable {
    public var role: String
    public var name: String
    public var responsibilities: [String]

    public init(role: String, name: String, responsibilities: [String]) {
        self.role = role
        self.name = name
        self.responsibilities = responsibilities
    }
}

public struct SurveyQuestionDocument: Sendable, Hashable, Codable {
    public var question: String
    public var kind: SurveyQuestion.Kind

    public init(question: String, kind: SurveyQuestion.Kind) {
        self.question = question
        self.kind = kind
    }
}

/// The caller of a request, as the server knows it.
public struct CallerDocument: Sendable, Hashable, Codable {
    public var kind: String
    public var roles: [String]
    @ExplicitNull public var tokenID: String?
    @ExplicitNull public var label: String?
    @ExplicitNull public var name: String?
    /// The survey questions (by index) this participant has answered; empty for others.
    public var surveyAnswered: [Int]

    public init(kind: String, roles: [String], tokenID: String?, label: String?, name: String?, surveyAnswered: [Int]) {
        self.kind = kind
        self.roles = roles
        self.tokenID = tokenID
        self.label = label
        self.name = name
        self.surveyAnswered = surveyAnswered
    }

    enum CodingKeys: String, CodingKey {
        case kind, roles, tokenID = "token_id", label, name, surveyAnswered = "survey_answered"
    }
}

/// Who a caller is, as `GET /api/v1/session` gives it.
public struct SessionDocument: Sendable, Hashable, Codable {
    public var kind: String
    /// The drill of a drill token; `null` for the trainer.
    @ExplicitNull public var drillID: String?
    public var roles: [String]
    @ExplicitNull public var tokenID: String?
    @ExplicitNull public var label: String?
    @ExplicitNull public var name: String?

    public init(kind: String, drillID: String?, roles: [String], tokenID: String?, label: String?, name: String?) {
        self.kind = kind
        self.drillID = drillID
        self.roles = roles
        self.tokenID = tokenID
        self.label = label
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case kind, drillID = "drill_id", roles, tokenID = "token_id", label, name
    }
}

public struct DrillList: Sendable, Hashable, Codable {
    public struct Item: Sendable, Hashable, Codable {
        public var id: String
        public var scenarioID: String
        public var title: String
        public var status: DrillStatus
        public var drillSeconds: Double
        public var createdAt: String

        public init(id: String, scenarioID: String, title: String, status: DrillStatus, drillSeconds: Double, createdAt: String) {
            self.id = id
            self.scenarioID = scenarioID
            self.title = title
            self.status = status
            self.drillSeconds = drillSeconds
            self.createdAt = createdAt
        }

        enum CodingKeys: String, CodingKey {
            case id, scenarioID = "scenario_id", title, status, drillSeconds = "drill_seconds", createdAt = "created_at"
        }
    }

    public var drills: [Item]

    public init(drills: [Item]) { self.drills = drills }
}
