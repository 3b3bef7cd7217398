/// A drill scenario: the trainer's script of roles, injects and objectives.
///
/// Values of this type are produced by ``ScenarioDecoder`` and are valid by construction
/// when decoding reported no errors.
public struct Scenario: Sendable, Hashable {
    public var formatVersion: Int
    public var id: String
    public var title: String
    /// For the trainer and the report; never shown to players.
    public var summary: String?
    /// What players read before the drill starts.
    public var briefing: String?
    public var language: String
    public var tags: [String]
    public var duration: DrillTime
    public var channels: [String]
    public var roles: [Role] { didSet { index = Index(self) } }
    public var injects: [Inject] { didSet { index = Index(self) } }
    public var objectives: [Objective] { didSet { index = Index(self) } }
    public var survey: [SurveyQuestion]
    /// The knowledge check each participant takes after the drill, scored apart from the drill.
    public var quiz: [QuizQuestion]

    public init(
        formatVersion: Int = 1, id: String, title: String, summary: String? = nil, briefing: String? = nil,
        language: String = "en", tags: [String] = [], duration: DrillTime, channels: [String] = Scenario.defaultChannels,
        roles: [Role], injects: [Inject], objectives: [Objective], survey: [SurveyQuestion] = [],
        quiz: [QuizQuestion] = []
    ) {
        self.formatVersion = formatVersion
        self.id = id
        self.title = title
        self.summary = summary
        self.briefing = briefing
        self.language = language
        self.tags = tags
        self.duration = duration
        self.channels = channels
        self.roles = roles
        self.injects = injects
        self.objectives = objectives
        self.survey = survey
        self.quiz = quiz
        index = Index(roles: roles, injects: injects, objectives: objectives)
    }

    /// Where each role, inject and objective is, by id (the first of an id), kept up to date
    /// with the lists: lookups by id happen for every event of every stream and report.
    private var index: Index

    private struct Index: Sendable, Hashable {
        var roles: [String: Int] = [:]
        var injects: [String: Int] = [:]
        var objectives: [String: Int] = [:]

        init(roles: [Role], injects: [Inject], objectives: [Objective]) {
            for (position, role) in roles.enumerated() where self.roles[role.id] == nil { self.roles[role.id] = position }
            for (position, inject) in injects.enumerated() where self.injects[inject.id] == nil { self.injects[inject.id] = position }
            for (position, objective) in objectives.enumerated() where self.objectives[objective.id] == nil { self.objectives[objective.id] = position }
        }

        init(_ scenario: Scenario) {
            self.init(roles: scenario.roles, injects: scenario.injects, objectives: scenario.objectives)
        }
    }

    /// The channels a scenario may use when it lists none.
    public static let defaultChannels = [
        "chat", "email", "phone", "in-person", "pager", "ticket", "monitoring", "news", "social", "web",
    ]

    public func role(_ id: String) -> Role? { index.roles[id].map { roles[$0] } }
    /// The role with this id, written in any case or width (`Ops`, `ＯＰＳ`).
    public func role(matching text: String) -> Role? {
        role(text) ?? role(TextMatching.normalize(text))
    }
    public func inject(_ id: String) -> Inject? { index.injects[id].map { injects[$0] } }
    public func objective(_ id: String) -> Objective? { index.objectives[id].map { objectives[$0] } }

    /// What an objective expects of the team: its own `expect`, else its `from` inject's.
    public func expectation(of objective: Objective) -> String? {
        objective.expect ?? objective.from.flatMap { inject($0)?.expect }
    }

    /// Roles played by people (roles without a persona).
    public var playerRoles: [Role] { roles.filter { $0.persona == nil } }
}

public struct Role: Sendable, Hashable {
    public var id: String
    public var name: String
    public var department: String?
    /// Present when the role is simulated by the engine.
    public var persona: Persona?
    /// The role card: what the role is expected to do, in the organisation's own words (one
    /// line each, at most 20). Shown to its players, never to other roles'.
    public var responsibilities: [String]

    public init(id: String, name: String, department: String? = nil, persona: Persona? = nil, responsibilities: [String] = []) {
        self.id = id
        self.name = name
        self.department = department
        self.persona = persona
        self.responsibilities = responsibilities
    }

    public var isSimulated: Bool { persona != nil }
}

/// A simulated role: answers escalations that reach it over a channel it accepts.
public struct Persona: Sendable, Hashable {
    /// Accepted channels; `nil` means every channel.
    public var channels: [String]?
    public var delay: DrillTime
    public var reply: String?

    public init(channels: [String]? = nil, delay: DrillTime = .zero, reply: String? = nil) {
        self.channels = channels
        self.delay = delay
        self.reply = reply
    }

    public func accepts(channel: String) -> Bool { channels?.contains(channel) ?? true }
}

/// Who receives an inject.
public enum Recipients: Sendable, Hashable {
    /// Every role played by a person.
    case all
    case roles([String])

    public func includes(_ role: Role) -> Bool {
        switch self {
        case .all: role.persona == nil
        case .roles(let ids): ids.contains(role.id)
        }
    }
}

public struct Inject: Sendable, Hashable {
    /// When an inject is released.
    public enum Trigger: Sendable, Hashable {
        /// At a fixed drill time.
        case at(DrillTime)
        /// Once, `delay` after the condition first holds.
        case when(Condition, delay: DrillTime)
    }

    public var id: String
    public var to: Recipients
    public var channel: String
    public var subject: String
    public var body: String?
    public var from: String?
    public var trigger: Trigger
    /// Evaluated at the moment of delivery; false means the inject is skipped.
    public var guardCondition: Condition?
    public var expect: String?
    public var notes: String?

    public init(
        id: String, to: Recipients, channel: String, subject: String, body: String? = nil, from: String? = nil,
        trigger: Trigger, guardCondition: Condition? = nil, expect: String? = nil, notes: String? = nil
    ) {
        self.id = id
        self.to = to
        self.channel = channel
        self.subject = subject
        self.body = body
        self.from = from
        self.trigger = trigger
        self.guardCondition = guardCondition
        self.expect = expect
        self.notes = notes
    }
}

public struct Objective: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var kind: ActionKind
    /// Roles that may satisfy it; `nil` means every role played by a person.
    public var by: [String]?
    /// The inject whose delivery starts the objective's clock; `nil` means drill start.
    public var from: String?
    public var target: DrillTime
    public var limit: DrillTime
    public var weight: Double
    /// For escalations: the role that must be escalated to.
    public var to: String?
    /// For escalations: accepted channels; `nil` means the target persona's, or every channel.
    public var via: [String]?
    /// Keywords; an action must contain one of them (case-insensitive). Empty means any.
    public var match: [String]
    /// The controls the objective gives evidence for; `nil` means its kind's (see ``ControlCatalog``).
    public var controls: [String]?
    /// What evaluators should see done (for them and the report); without it, the `expect` of
    /// its `from` inject.
    public var expect: String?

    public init(
        id: String, name: String? = nil, kind: ActionKind, by: [String]? = nil, from: String? = nil,
        target: DrillTime, limit: DrillTime? = nil, weight: Double = 1, to: String? = nil, via: [String]? = nil,
        match: [String] = [], controls: [String]? = nil, expect: String? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.by = by
        self.from = from
        self.target = target
        self.limit = limit ?? DrillTime(milliseconds: target.milliseconds * 2)
        self.weight = weight
        self.to = to
        self.via = via
        self.match = match
        self.controls = controls
        self.expect = expect
    }
}

/// The kinds of player action, which are also the kinds of objective.
public enum ActionKind: String, Sendable, Hashable, CaseIterable, Codable {
    case acknowledge
    case escalate
    case action
    case communicate
    case report
    case resolve

    /// The command word that performs this kind of action.
    public var command: String {
        switch self {
        case .acknowledge: "ack"
        case .escalate: "escalate"
        case .action: "do"
        case .communicate: "say"
        case .report: "report"
        case .resolve: "resolve"
        }
    }

    public init?(command: String) {
        guard let kind = ActionKind.allCases.first(where: { $0.command == command }) else { return nil }
        self = kind
    }
}

extension Scenario {
    /// The drill time of the first inject on the schedule (one with a fixed time), for a
    /// drill not started yet: what the trainer will see first once it starts.
    public var firstScheduledInjectTime: DrillTime? {
        injects.compactMap { inject -> DrillTime? in
            if case .at(let time) = inject.trigger, time <= duration { return time }
            return nil
        }.min()
    }
}
