import FiredrillCore
import FiredrillStore

/// The JSON documents of the API: what requests carry and answers say. Keys are
/// snake_case; absent values are written as `null` where the contract names the key.

struct CreateDrillRequest: Decodable {
    var scenario: String?
    var source: String?
    var speed: Double?
}

struct CreateDrillResponse: Encodable {
    struct Tokens: Encodable {
        var evaluator: String
        var observer: String
        var players: [String: String]
    }

    var id: String
    var status: DrillStatus
    var tokens: Tokens
    /// Sign-in links for a browser, by the same keys as `tokens`.
    var links: Tokens
}

struct RoleDocument: Encodable {
    var id: String
    var name: String
    @ExplicitNull var department: String?
    var simulated: Bool
}

struct SurveyQuestionDocument: Encodable {
    var question: String
    var kind: SurveyQuestion.Kind
}

struct CallerDocument: Encodable {
    var kind: String
    var roles: [String]
    @ExplicitNull var tokenID: String?
    @ExplicitNull var label: String?
    @ExplicitNull var name: String?
    /// The survey questions (by index) this participant has answered; empty for others.
    var surveyAnswered: [Int]

    enum CodingKeys: String, CodingKey {
        case kind, roles, tokenID = "token_id", label, name, surveyAnswered = "survey_answered"
    }
}

/// Who a caller is, as `GET /api/v1/session` gives it.
struct SessionDocument: Encodable {
    var kind: String
    /// The drill of a drill token; `null` for the trainer.
    @ExplicitNull var drillID: String?
    var roles: [String]
    @ExplicitNull var tokenID: String?
    @ExplicitNull var label: String?
    @ExplicitNull var name: String?

    enum CodingKeys: String, CodingKey {
        case kind, drillID = "drill_id", roles, tokenID = "token_id", label, name
    }
}

/// A drill as `GET /api/v1/drills/{id}` gives it.
struct DrillDocument: Encodable {
    var id: String
    var scenarioID: String
    var title: String
    var status: DrillStatus
    var drillSeconds: Double
    var durationSeconds: Double
    var speed: Double
    @ExplicitNull var briefing: String?
    /// For the trainer, evaluators and observers; never for players (it may give the drill away).
    @ExplicitNull var summary: String?
    var language: String
    var channels: [String]
    var roles: [RoleDocument]
    var myRoles: [String]
    var me: CallerDocument
    var survey: [SurveyQuestionDocument]
    var createdAt: String
    var mode: DrillMode
    /// The sequence number of the drill's latest event (`null` before the first): events
    /// with a higher one on a stream happened after this answer.
    @ExplicitNull var lastSeq: Int?

    enum CodingKeys: String, CodingKey {
        case id, scenarioID = "scenario_id", title, status, drillSeconds = "drill_seconds", durationSeconds = "duration_seconds"
        case speed, briefing, summary, language, channels, roles, myRoles = "my_roles", me, survey, createdAt = "created_at", mode
        case lastSeq = "last_seq"
    }
}

struct DrillList: Encodable {
    struct Item: Encodable {
        var id: String
        var scenarioID: String
        var title: String
        var status: DrillStatus
        var drillSeconds: Double
        var createdAt: String

        enum CodingKeys: String, CodingKey {
            case id, scenarioID = "scenario_id", title, status, drillSeconds = "drill_seconds", createdAt = "created_at"
        }
    }

    var drills: [Item]
}

struct SpeedRequest: Decodable {
    var speed: Double
}

struct TokenRequest: Decodable {
    var kind: String
    var roles: [String]?
    var name: String?
}

struct TokenDocument: Encodable {
    var id: String
    var kind: String
    var roles: [String]
    var label: String
    @ExplicitNull var name: String?
    var createdAt: String
    @ExplicitNull var joinedAt: String?
    @ExplicitNull var revokedAt: String?

    init(_ token: AccessToken) {
        id = token.id
        kind = token.kind.rawValue
        roles = token.roles
        label = token.label
        name = token.displayName
        createdAt = token.createdAt
        joinedAt = token.joinedAt
        revokedAt = token.revokedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, roles, label, name, createdAt = "created_at", joinedAt = "joined_at", revokedAt = "revoked_at"
    }
}

struct TokenList: Encodable {
    var tokens: [TokenDocument]
}

struct NewTokenResponse: Encodable {
    var id: String
    var token: String
    var link: String
    var kind: String
    var roles: [String]
}

struct NameRequest: Decodable {
    var name: String
}

struct ActionRequest: Decodable {
    var role: String
    var command: String
}

struct AdlibRequest: Decodable {
    var to: Recipients
    var channel: String
    var from: String?
    var subject: String
    var body: String?
}

struct ObservationRequest: Decodable {
    var objective: String?
    var rating: String?
    var text: String
}

struct SurveyRequest: Decodable {
    struct Answer: Decodable {
        var question: WholeNumber
        var score: WholeNumber?
        var comment: String?
        /// The answer to a text question (the same as `comment`).
        var text: String?
    }

    var answers: [Answer]
}

/// A JSON number that must be whole (a question's index, a score): `0.5` is refused with a
/// message that names the field, not taken for broken JSON.
struct WholeNumber: Decodable, Sendable {
    var value: Int

    init(from decoder: any Decoder) throws {
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
}

struct SurveyResponse: Encodable {
    var recorded: Int
}

struct ScenarioList: Encodable {
    struct Item: Encodable {
        var name: String
        var id: String
        var title: String
        var language: String
        var durationSeconds: Double
        var tags: [String]

        enum CodingKeys: String, CodingKey {
            case name, id, title, language, durationSeconds = "duration_seconds", tags
        }
    }

    var scenarios: [Item]
}

struct ValidateRequest: Decodable {
    var source: String
}

struct ValidateResponse: Encodable {
    var valid: Bool
    var problems: [String]
    @ExplicitNull var scenarioID: String?
    @ExplicitNull var title: String?

    enum CodingKeys: String, CodingKey {
        case valid, problems, scenarioID = "scenario_id", title
    }
}

struct HealthDocument: Encodable {
    var status: String
    var drills: Int
}
