import FiredrillCore
import FiredrillStore

/// Who is calling: the trainer (the whole server), or the holder of a drill's token.
public enum Caller: Sendable, Hashable {
    case trainer
    case token(AccessToken)

    /// The drill a drill token belongs to; `nil` for the trainer.
    var drillID: String? {
        if case .token(let token) = self { return token.runID }
        return nil
    }

    /// The kind of token, as the contract names it.
    var kindName: String {
        switch self {
        case .trainer: "trainer"
        case .token(let token): token.kind.rawValue
        }
    }

    /// What this caller sees of a drill's events.
    var audience: Audience {
        switch self {
        case .trainer: .trainer
        case .token(let token):
            switch token.kind {
            case .evaluator: .evaluator
            case .observer: .observer
            case .player: .player(roles: Set(token.roles))
            }
        }
    }

    var roles: [String] {
        if case .token(let token) = self, token.kind == .player { return token.roles }
        return []
    }
}
