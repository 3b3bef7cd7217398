import FiredrillCore
import FiredrillStore

/// Who is calling: the trainer (the whole server), the holder of a drill's token, or the
/// holder of a server-scope token (the ISMS committee, a near-miss reporter).
public enum Caller: Sendable, Hashable {
    case trainer
    case token(AccessToken)
    case server(ServerToken)

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
        case .server(let token): token.kind.rawValue
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
        // The committee reads a drill as an observer does; reporters read no drill.
        case .server: .observer
        }
    }

    var roles: [String] {
        if case .token(let token) = self, token.kind == .player { return token.roles }
        return []
    }
}
