import FiredrillCore

/// What requests carry, as the server reads them and clients write them.

public struct CreateDrillRequest: Sendable, Hashable, Codable {
    /// A library scenario's id (its latest version, or `version`), else a bundled scenario's name.
    public var scenario: String?
    /// A version of the library's scenario `scenario`.
    public var version: Int?
    public var source: String?
    public var speed: Double?

    public init(scenario: String? = nil, version: Int? = nil, source: String? = nil, speed: Double? = nil) {
        self.scenario = scenario
        self.version = version
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

/// A participant's quiz answers: `POST /api/v1/drills/{id}/quiz`.
public struct QuizRequest: Sendable, Hashable, Codable {
    public struct Answer: Sendable, Hashable, Codable {
        /// The question's id.
        public var question: String
        /// The picked choices, by number from 0.
        public var choices: [WholeNumber]

        public init(question: String, choices: [Int]) {
            self.question = question
            self.choices = choices.map(WholeNumber.init)
        }
    }

    public var answers: [Answer]
    public init(answers: [Answer]) { self.answers = answers }
}

/// The quiz as a participant sees it (`GET /api/v1/drills/{id}/quiz`): the questions without
/// the key, and the results of those already answered.
public struct QuizDocument: Sendable, Hashable, Codable {
    public struct Question: Sendable, Hashable, Codable {
        public var id: String
        public var question: String
        public var choices: [String]
        /// Whether more than one choice is correct (pick every correct one).
        public var multiple: Bool

        public init(id: String, question: String, choices: [String], multiple: Bool) {
            self.id = id
            self.question = question
            self.choices = choices
            self.multiple = multiple
        }
    }

    public var questions: [Question]
    /// The participant's results so far: the key of the questions they have answered.
    public var results: [QuizResultEntry]
    public var score: Int
    public var max: Int

    public init(questions: [Question], results: [QuizResultEntry], score: Int, max: Int) {
        self.questions = questions
        self.results = results
        self.score = score
        self.max = max
    }
}

/// One answered question with its key: whether the participant was right, the correct
/// choices and the explanation.
public struct QuizResultEntry: Sendable, Hashable, Codable {
    public var question: String
    public var correct: Bool
    /// The correct choices, by number from 0.
    public var answer: [Int]
    /// The choices the participant picked.
    public var chosen: [Int]
    public var explanation: String?

    public init(question: String, correct: Bool, answer: [Int], chosen: [Int], explanation: String?) {
        self.question = question
        self.correct = correct
        self.answer = answer
        self.chosen = chosen
        self.explanation = explanation
    }
}

/// What answering the quiz gives back: the participant's score over the whole quiz so far
/// and the key of every question they have answered.
public struct QuizResponse: Sendable, Hashable, Codable {
    public var score: Int
    public var max: Int
    public var results: [QuizResultEntry]

    public init(score: Int, max: Int, results: [QuizResultEntry]) {
        self.score = score
        self.max = max
        self.results = results
    }

    /// The score and key of the answers a participant has `given`.
    public init(given: [QuizAnswer], in scenario: Scenario) {
        results = given.compactMap { answer -> QuizResultEntry? in
            guard let question = scenario.quiz.first(where: { $0.id == answer.question }) else { return nil }
            return QuizResultEntry(question: question.id, correct: answer.choices == question.answers, answer: question.answers,
                                   chosen: answer.choices, explanation: question.explanation)
        }
        score = results.filter(\.correct).count
        max = scenario.quiz.count
    }
}

extension QuizDocument {
    /// The quiz of `scenario` for a participant who has `given` these answers: the questions
    /// without the key, the key of those answered.
    public init(scenario: Scenario, given: [QuizAnswer]) {
        let response = QuizResponse(given: given, in: scenario)
        self.init(
            questions: scenario.quiz.map { Question(id: $0.id, question: $0.question, choices: $0.choices, multiple: $0.answers.count > 1) },
            results: response.results, score: response.score, max: response.max
        )
    }
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

/// The scenarios a trainer can start a drill from: the bundled ones and the library's.
public struct ScenarioList: Sendable, Hashable, Codable {
    public struct Item: Sendable, Hashable, Codable {
        /// What `POST /api/v1/drills` takes as `scenario`: a bundled file's name
        /// (`newsletter-brochure-leak-ja`), or a library scenario's id.
        public var name: String
        public var id: String
        public var title: String
        public var language: String
        public var durationSeconds: Double
        public var tags: [String]
        /// `bundled` (shipped with firedrill, version 1) or `library` (saved on this server).
        public var source: String
        public var version: Int
        /// When the library's latest version was saved; `null` for a bundled scenario.
        @ExplicitNull public var updatedAt: String?

        public init(
            name: String, id: String, title: String, language: String, durationSeconds: Double, tags: [String],
            source: String, version: Int, updatedAt: String?
        ) {
            self.name = name
            self.id = id
            self.title = title
            self.language = language
            self.durationSeconds = durationSeconds
            self.tags = tags
            self.source = source
            self.version = version
            self.updatedAt = updatedAt
        }

        enum CodingKeys: String, CodingKey {
            case name, id, title, language, durationSeconds = "duration_seconds", tags, source, version, updatedAt = "updated_at"
        }
    }

    public var scenarios: [Item]
    public init(scenarios: [Item]) { self.scenarios = scenarios }
}

/// A scenario to save in the library: `POST /api/v1/scenarios` (a new one) and
/// `PUT /api/v1/scenarios/{id}` (its next version, from `base_version`).
public struct SaveScenarioRequest: Sendable, Hashable, Codable {
    /// The YAML or JSON text.
    public var source: String
    /// The version the edit started from; required by `PUT`.
    public var baseVersion: Int?

    public init(source: String, baseVersion: Int? = nil) {
        self.source = source
        self.baseVersion = baseVersion
    }

    enum CodingKeys: String, CodingKey {
        case source, baseVersion = "base_version"
    }
}

/// A version just saved.
public struct SavedScenarioResponse: Sendable, Hashable, Codable {
    public var id: String
    public var version: Int
    public var sha256: String
    /// What the loader warns about (the scenario is saved all the same).
    public var warnings: [String]

    public init(id: String, version: Int, sha256: String, warnings: [String]) {
        self.id = id
        self.version = version
        self.sha256 = sha256
        self.warnings = warnings
    }
}

/// A scenario of the library (or a bundled one) with the list of its versions:
/// `GET /api/v1/scenarios/{id}` (the latest) and `…/versions/{n}` (that one).
public struct ScenarioDocument: Sendable, Hashable, Codable {
    public struct Version: Sendable, Hashable, Codable {
        public var version: Int
        /// `null` for a bundled scenario not yet saved in the library.
        @ExplicitNull public var savedAt: String?
        public var sha256: String

        public init(version: Int, savedAt: String?, sha256: String) {
            self.version = version
            self.savedAt = savedAt
            self.sha256 = sha256
        }

        enum CodingKeys: String, CodingKey {
            case version, savedAt = "saved_at", sha256
        }
    }

    public var id: String
    public var title: String
    public var language: String
    /// `bundled` or `library`, as in the list.
    public var origin: String
    /// The version whose `source` this is.
    public var version: Int
    public var sha256: String
    public var source: String
    public var versions: [Version]

    public init(id: String, title: String, language: String, origin: String, version: Int, sha256: String, source: String, versions: [Version]) {
        self.id = id
        self.title = title
        self.language = language
        self.origin = origin
        self.version = version
        self.sha256 = sha256
        self.source = source
        self.versions = versions
    }
}

/// What changed between two versions of a scenario, line by line: `GET
/// /api/v1/scenarios/{id}/diff?from=N&to=M`.
public struct ScenarioDiffDocument: Sendable, Hashable, Codable {
    public var id: String
    public var from: Int
    public var to: Int
    public var added: Int
    public var removed: Int
    /// A unified diff (`--- v1`, `+++ v2`, `@@ … @@` hunks with three lines of context).
    public var diff: String

    public init(id: String, from: Int, to: Int, added: Int, removed: Int, diff: String) {
        self.id = id
        self.from = from
        self.to = to
        self.added = added
        self.removed = removed
        self.diff = diff
    }
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

/// Scenario text in the other form, key for key: `POST /api/v1/scenarios/convert`
/// (`to`: `json` for the editor page, `yaml` for people and the library).
public struct ConvertScenarioRequest: Sendable, Hashable, Codable {
    public var source: String
    public var to: String

    public init(source: String, to: String) {
        self.source = source
        self.to = to
    }
}

public struct ConvertScenarioResponse: Sendable, Hashable, Codable {
    public var source: String
    public init(source: String) { self.source = source }
}

/// An item for the improvement plan: `POST /api/v1/actions`, with the columns of a report's
/// `record.corrective_actions[]` (HSEEP's improvement plan).
public struct NewCorrectiveActionRequest: Sendable, Hashable, Codable {
    public var run: String
    public var objective: String?
    public var issue: String
    public var correctiveAction: String
    public var capability: String
    public var responsibleOrg: String
    public var responsibleRole: String?
    public var startDate: String?
    public var dueDate: String?

    public init(
        run: String, objective: String? = nil, issue: String, correctiveAction: String, capability: String, responsibleOrg: String,
        responsibleRole: String? = nil, startDate: String? = nil, dueDate: String? = nil
    ) {
        self.run = run
        self.objective = objective
        self.issue = issue
        self.correctiveAction = correctiveAction
        self.capability = capability
        self.responsibleOrg = responsibleOrg
        self.responsibleRole = responsibleRole
        self.startDate = startDate
        self.dueDate = dueDate
    }

    enum CodingKeys: String, CodingKey {
        case run, objective, issue, correctiveAction = "corrective_action", capability, responsibleOrg = "responsible_org"
        case responsibleRole = "responsible_role", startDate = "start_date", dueDate = "due_date"
    }
}

/// Closing an item of the improvement plan: `POST /api/v1/actions/{id}/close`.
public struct CloseCorrectiveActionRequest: Sendable, Hashable, Codable {
    /// What shows it is done (a document, a ticket, a follow-up drill).
    public var evidence: String
    public init(evidence: String) { self.evidence = evidence }
}

/// A server-scope token to issue: `POST /api/v1/tokens` (`committee` or `reporter`).
public struct ServerTokenRequest: Sendable, Hashable, Codable {
    public var kind: String
    public var name: String?
    public init(kind: String, name: String? = nil) {
        self.kind = kind
        self.name = name
    }
}

/// A server-scope token as listed (`GET /api/v1/tokens`), without its secret.
public struct ServerTokenDocument: Sendable, Hashable, Codable {
    public var id: String
    public var kind: String
    public var name: String
    public var createdAt: String
    @ExplicitNull public var revokedAt: String?

    public init(id: String, kind: String, name: String, createdAt: String, revokedAt: String?) {
        self.id = id
        self.kind = kind
        self.name = name
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, name, createdAt = "created_at", revokedAt = "revoked_at"
    }
}

/// A server-scope token just issued: its secret and sign-in link, shown only here.
public struct NewServerTokenResponse: Sendable, Hashable, Codable {
    public var id: String
    public var kind: String
    public var name: String
    public var token: String
    public var link: String

    public init(id: String, kind: String, name: String, token: String, link: String) {
        self.id = id
        self.kind = kind
        self.name = name
        self.token = token
        self.link = link
    }
}

/// A near miss for the register: `POST /api/v1/near-misses`, the core's submission itself
/// (``FiredrillCore/NearMiss/Submission``). Anonymous unless `anonymous` is `false` (then
/// `name` is required); an anonymous report keeps no name and no token.
public typealias NearMissRequest = NearMiss.Submission

/// The committee's pick of a month's most valuable near miss: `PUT
/// /api/v1/near-misses/digest/{month}`; `null` removes the pick.
public struct MostValuableRequest: Sendable, Hashable, Codable {
    public var mostValuable: Int64?
    public init(mostValuable: Int64?) { self.mostValuable = mostValuable }
    enum CodingKeys: String, CodingKey { case mostValuable = "most_valuable" }
}
