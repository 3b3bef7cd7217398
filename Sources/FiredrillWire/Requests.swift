import FiredrillCore

/// What requests carry, as the server reads them and clients write them.

public struct CreateDrillRequest: Sendable, Hashable, Codable {
    public var scenario: String?
    public var source: String?
    public var speed: Double?

    public init(scenario: String? = nil, source: String? = nil, speed: Double? = nil) {
        self.scenario = scenario
        self.source = source
        self.speed = speed
    }
}

public struct CreateDrillResponse: Sendable, Hashable, Codable {
    public struct Tokens: Sendable, Hashable, Codable {
        public var evaluator: String
        public var observer: String
        public var players: [String: String]

        public init(evaluator: String, observer: String, players: [String: String]) {
            self.evaluator = evaluator
            self.observer = observer
            self.players = players
        }

        /// Each token made into something else by the same keys (a sign-in link).
        public func map(_ transform: (String) -> String) -> Tokens {
            Tokens(evaluator: transform(evaluator), observer: transform(observer), players: players.mapValues(transform))
        }
    }

    public var id: String
    public var status: DrillStatus
    public var tokens: Tokens
    /// Sign-in links for a browser, by the same keys as `tokens`.
    public var links: Tokens

    public init(id: String, status: DrillStatus, tokens: Tokens, links: Tokens) {
        self.id = id
        self.status = status
        self.tokens = tokens
        self.links = links
    }
}

public struct SpeedRequest: Sendable, Hashable, Codable {
    public var speed: Double
    public init(speed: Double) { self.speed = speed }
}

public struct TokenRequest: Sendable, Hashable, Codable {
    public var kind: String
    public var roles: [String]?
    public var name: String?

    public init(kind: String, roles: [String]? = nil, name: String? = nil) {
        self.kind = kind
        self.roles = roles
        self.name = name
    }
}

public struct TokenDocument: Sendable, Hashable, Codable {
    public var id: String
    public var kind: String
    public var roles: [String]
    public var label: String
    @ExplicitNull public var name: String?
    public var createdAt: String
    @ExplicitNull public var joinedAt: String?
    @ExplicitNull public var revokedAt: String?

    public init(id: String, kind: String, roles: [String], label: String, name: String?, createdAt: String, joinedAt: String?, revokedAt: String?) {
        self.id = id
        self.kind = kind
        self.roles = roles
        self.label = label
        self.name = name
        self.createdAt = createdAt
        self.joinedAt = joinedAt
        self.revokedAt = revokedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, roles, label, name, createdAt = "created_at", joinedAt = "joined_at", revokedAt = "revoked_at"
    }
}

public struct TokenList: Sendable, Hashable, Codable {
    public var tokens: [TokenDocument]
    public init(tokens: [TokenDocument]) { self.tokens = tokens }
}

public struct NewTokenResponse: Sendable, Hashable, Codable {
    public var id: String
    public var token: String
    public var link: String
    public var kind: String
    public var roles: [String]

    public init(id: String, token: String, link: String, kind: String, roles: [String]) {
        self.id = id
        self.token = token
        self.link = link
        self.kind = kind
        self.roles = roles
    }
}

public struct NameRequest: Sendable, Hashable, Codable {
    public var name: String
    public init(name: String) { self.name = name }
}

/// A player's action: a typed `command` line (the action vocabulary of the scenario format),
/// or the action as structure (`kind`, `target`, `channel`, `text`), as the pages send it.
/// Both are checked by the same rules and give the same event.
public struct ActionRequest: Sendable, Hashable, Codable {
    public var role: String
    public var command: String?
    public var kind: ActionKind?
    public var target: String?
    public var channel: String?
    public var text: String?
    /// The inject (by id) the action answers.
    public var inReplyTo: String?
    /// The player saw the question the server asked back (`did_you_mean`) and sends the
    /// action as it is.
    public var confirmed: Bool?

    public init(
        role: String, command: String? = nil, kind: ActionKind? = nil, target: String? = nil, channel: String? = nil,
        text: String? = nil, inReplyTo: String? = nil, confirmed: Bool? = nil
    ) {
        self.role = role
        self.command = command
        self.kind = kind
        self.target = target
        self.channel = channel
        self.text = text
        self.inReplyTo = inReplyTo
        self.confirmed = confirmed
    }

    enum CodingKeys: String, CodingKey {
        case role, command, kind, target, channel, text, inReplyTo = "in_reply_to", confirmed
    }
}

public struct AdlibRequest: Sendable, Hashable, Codable {
    public var to: Recipients
    public var channel: String
    public var from: String?
    public var subject: String
    public var body: String?

    public init(to: Recipients, channel: String, from: String? = nil, subject: String, body: String? = nil) {
        self.to = to
        self.channel = channel
        self.from = from
        self.subject = subject
        self.body = body
    }
}

public struct ObservationRequest: Sendable, Hashable, Codable {
    public var objective: String?
    public var rating: String?
    public var text: String

    public init(objective: String? = nil, rating: String? = nil, text: String) {
        self.objective = objective
        self.rating = rating
        self.text = text
    }
}

/// An evaluator's decision: `{"action": SEQ, "objective": "ID", "decision": "credit" | "reject", "note": "…"?}`.
public struct AdjudicationRequest: Sendable, Hashable, Codable {
    public var action: WholeNumber
    public var objective: String
    public var decision: String
    public var note: String?

    public init(action: Int, objective: String, decision: String, note: String? = nil) {
        self.action = WholeNumber(action)
        self.objective = objective
        self.decision = decision
        self.note = note
    }
}

public struct SurveyRequest: Sendable, Hashable, Codable {
    public struct Answer: Sendable, Hashable, Codable {
        public var question: WholeNumber
        public var score: WholeNumber?
        public var comment: String?
        /// The answer to a text question (the same as `comment`).
        public var text: String?

        public init(question: Int, score: Int? = nil, comment: String? = nil) {
            self.question = WholeNumber(question)
            self.score = score.map(WholeNumber.init)
            self.comment = comment
        }
    }

    public var answers: [Answer]
    public init(answers: [Answer]) { self.answers = answers }
}

public struct SurveyResponse: Sendable, Hashable, Codable {
    public var recorded: Int
    public init(recorded: Int) { self.recorded = recorded }
}

/// A JSON number that must be whole (a question's index, a score, an event's number): `0.5`
/// is refused with a message that names the field, not taken for broken JSON.
public struct WholeNumber: Sendable, Hashable, Codable {
    public var value: Int

    public init(_ value: Int) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self.value = value
            return
        }
        if let number = try? container.decode(Double.self) {
            throw DecodingError.typeMismatch(Int.self, DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: "\(number) is not a whole number"
            ))
        }
        throw DecodingError.typeMismatch(Int.self, DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "not a number"))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

public struct ScenarioList: Sendable, Hashable, Codable {
    public struct Item: Sendable, Hashable, Codable {
        public var name: String
        public var id: String
        public var title: String
        public var language: String
        public var durationSeconds: Double
        public var tags: [String]

        public init(name: String, id: String, title: String, language: String, durationSeconds: Double, tags: [String]) {
            self.name = name
            self.id = id
            self.title = title
            self.language = language
            self.durationSeconds = durationSeconds
            self.tags = tags
        }

        enum CodingKeys: String, CodingKey {
            case name, id, title, language, durationSeconds = "duration_seconds", tags
        }
    }

    public var scenarios: [Item]
    public init(scenarios: [Item]) { self.scenarios = scenarios }
}

/// Every error the server gives: `{"error": {"code", "message", "problems"?, "suggestion"?}}`.
public struct ErrorDocument: Sendable, Hashable, Codable {
    public struct Detail: Sendable, Hashable, Codable {
        public var code: String
        public var message: String
        /// Each problem, for a scenario or input with several.
        public var problems: [String]?
        /// What the server suggests instead (`did_you_mean`): the action it thinks was meant.
        public var suggestion: ActionSuggestion?

        public init(code: String, message: String, problems: [String]? = nil, suggestion: ActionSuggestion? = nil) {
            self.code = code
            self.message = message
            self.problems = problems
            self.suggestion = suggestion
        }
    }

    public var error: Detail
    public init(error: Detail) { self.error = error }
}
