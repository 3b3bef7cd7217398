/// A stored record other than a run, as `firedrill store copy` moves it: every column as
/// stored, its id kept (a copied token's hash still matches its secret; a corrective action
/// keeps its number).
public enum CopiedRecord: Sendable, Hashable {
    case token(AccessToken)
    case correctiveAction(CorrectiveAction)
    case serverToken(ServerToken)
    case scenarioVersion(ScenarioVersion)
    case nearMiss(NearMissRow)
    case nearMissPick(NearMissPick)

    /// The kinds of record, in the order they are copied: after the runs, those that belong
    /// to a run; near misses before the picks that name them.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case token
        case correctiveAction
        case serverToken
        case scenarioVersion
        case nearMiss
        case nearMissPick

        /// How the summary names them: `drill tokens`, `corrective actions`, …
        public var plural: String {
            switch self {
            case .token: "drill tokens"
            case .correctiveAction: "corrective actions"
            case .serverToken: "server tokens"
            case .scenarioVersion: "library versions"
            case .nearMiss: "near misses"
            case .nearMissPick: "near-miss picks"
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .token: .token
        case .correctiveAction: .correctiveAction
        case .serverToken: .serverToken
        case .scenarioVersion: .scenarioVersion
        case .nearMiss: .nearMiss
        case .nearMissPick: .nearMissPick
        }
    }

    /// How messages name the record, by its key (never a secret: tokens are named by id).
    public var name: String {
        switch self {
        case .token(let token): "drill token \(token.id) (\(token.label) of run \(token.runID))"
        case .correctiveAction(let action): "corrective action \(action.id) (of run \(action.runID))"
        case .serverToken(let token): "server token \(token.id) (\(token.kind.rawValue))"
        case .scenarioVersion(let version): "version \(version.version) of library scenario '\(version.scenarioID)'"
        case .nearMiss(let entry): "near miss \(entry.id)"
        case .nearMissPick(let pick): "the most valuable near miss of \(pick.month)"
        }
    }

    /// The run the record belongs to, which must be in the target before it.
    public var runID: String? {
        switch self {
        case .token(let token): token.runID
        case .correctiveAction(let action): action.runID
        default: nil
        }
    }

    /// The near miss a pick names, which must be in the target before it.
    public var nearMissID: Int64? {
        if case .nearMissPick(let pick) = self { return pick.nearMissID }
        return nil
    }

    /// The columns whose values differ between this record and `other` (of the same key),
    /// named as the tables name them; values are not shown (a token's hash is no one's business).
    public func differingColumns(from other: CopiedRecord) -> [String] {
        let mine = Self.fields(self), theirs = Self.fields(other)
        guard mine.map(\.label) == theirs.map(\.label) else { return ["kind"] }
        return zip(mine, theirs).compactMap { $0.value == $1.value ? nil : Self.column($0.label) }
    }

    /// The stored properties, by label, each as text.
    private static func fields(_ record: CopiedRecord) -> [(label: String, value: String)] {
        let value: Any = switch record {
        case .token(let token): token
        case .correctiveAction(let action): action
        case .serverToken(let token): token
        case .scenarioVersion(let version): version
        case .nearMiss(let entry): entry
        case .nearMissPick(let pick): pick
        }
        return Mirror(reflecting: value).children.map { (label: $0.label ?? "?", value: String(reflecting: $0.value)) }
    }

    /// `revokedAt` → `revoked_at`, `runID` → `run_id`, `rolesJSON` → `roles` (the column's name).
    private static func column(_ label: String) -> String {
        if label == "rolesJSON" { return "roles" }
        var result = ""
        var previous: Character?
        for character in label {
            if character.isUppercase, let previous, previous.isLowercase || previous.isNumber { result.append("_") }
            result += character.lowercased()
            previous = character
        }
        return result
    }
}
