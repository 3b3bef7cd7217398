/// Who is looking at a drill, which decides what they see of it.
public enum Audience: Sendable, Hashable {
    /// A participant playing these scenario roles: what is addressed to those roles and what
    /// they do themselves; never trainer notes, skipped or future injects, or scoring.
    case player(roles: Set<String>)
    /// The ISMS committee watching: what every player sees, plus objective progress; never
    /// trainer notes.
    case observer
    /// An evaluator: everything of the drill, trainer notes and skipped injects included.
    case evaluator
    /// The trainer: everything.
    case trainer

    /// Whether this audience sees scoring: the objectives an action met, objective progress.
    public var seesProgress: Bool {
        if case .player = self { return false }
        return true
    }

    /// Whether this audience sees what only the exercise staff see: `expect`, `notes`,
    /// skipped injects, observations, survey answers.
    public var isStaff: Bool {
        switch self {
        case .evaluator, .trainer: true
        case .player, .observer: false
        }
    }
}
