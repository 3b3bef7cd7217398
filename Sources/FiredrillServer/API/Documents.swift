import FiredrillCore
import FiredrillStore
import FiredrillWire

// The documents of the API live in FiredrillWire, shared with every client; here is only
// what builds them from the server's own records.

extension TokenDocument {
    init(_ token: AccessToken) {
        self.init(
            id: token.id, kind: token.kind.rawValue, roles: token.roles, label: token.label, name: token.displayName,
            createdAt: token.createdAt, joinedAt: token.joinedAt, revokedAt: token.revokedAt
        )
    }
}

/// What `POST /api/v1/scenarios/validate` reads and answers.
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
