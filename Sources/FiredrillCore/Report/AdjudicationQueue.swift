/// What the evaluators have to decide: actions that keyword matching did not count although
/// an objective they may have meant is open or missed, and matches nobody has confirmed.
///
/// - An action that met no objective is listed with its candidates: the objectives not met
///   of its own kind, or of a kind often confused with it (`report` ↔ `escalate`,
///   `communicate` ↔ `report`), that its role may meet; decided pairs drop out.
/// - An automatic match is listed until an evaluator credits (confirms) or rejects it.
///
/// Computed from the engine's ledger alone, like the report; the server answers
/// `GET /api/v1/drills/{id}/adjudications` with it.
public struct AdjudicationQueue: Sendable, Hashable, Codable {
    public var items: [Item]

    public enum Reason: String, Sendable, Hashable, Codable {
        /// The action met nothing; an objective it may have meant is open or missed.
        case unmatched
        /// Keyword matching counted the action for an objective; nobody has confirmed it.
        case automatic
    }

    public struct Item: Sendable, Hashable, Codable {
        public var reason: Reason
        /// The action's event sequence number (`seq`).
        public var action: Int
        public var atSeconds: Double
        public var role: String
        public var kind: ActionKind
        public var target: String?
        public var channel: String?
        public var text: String
        /// The objectives to decide on: for an unmatched action its candidates, for an
        /// automatic match the objective it met.
        public var candidates: [Candidate]

        enum CodingKeys: String, CodingKey {
            case reason, action, atSeconds = "at_seconds", role, kind, target, channel, text, candidates
        }
    }

    public struct Candidate: Sendable, Hashable, Codable {
        public var objective: String
        public var name: String?
        public var kind: ActionKind
        /// `open`, `missed`, `waiting` (its clock has not started) or `met` (by another action).
        public var status: String
        public var expected: String?
    }

    /// Kinds people confuse, each with the kinds it is confused with.
    public static let confusedKinds: [ActionKind: [ActionKind]] = [
        .report: [.escalate, .communicate],
        .escalate: [.report],
        .communicate: [.report],
    ]

    /// The queue of a drill's record so far (`ledger` is the engine's, adjudicated), at drill
    /// time `now`.
    public init(ledger: DrillLedger, now: DrillTime) {
        let scenario = ledger.scenario
        var items: [Item] = []
        let playerRoles = scenario.playerRoles.map(\.id)
        func status(of objective: Objective) -> String {
            if ledger.met[objective.id] != nil { return "met" }
            guard let start = ledger.clockStart(of: objective) else { return "waiting" }
            return start + objective.limit <= now || ledger.endReason == .completed ? "missed" : "open"
        }
        func candidate(_ objective: Objective) -> Candidate {
            Candidate(objective: objective.id, name: objective.name, kind: objective.kind, status: status(of: objective), expected: scenario.expectation(of: objective))
        }
        for recorded in ledger.actions {
            let action = recorded.action
            let met = ledger.objectivesMet(byAction: recorded.sequence)
            func item(_ reason: Reason, _ candidates: [Candidate]) -> Item {
                Item(reason: reason, action: recorded.sequence, atSeconds: recorded.time.seconds, role: action.role, kind: action.kind,
                     target: action.target, channel: action.channel, text: action.text, candidates: candidates)
            }
            if met.isEmpty {
                let kinds = Set([action.kind] + (Self.confusedKinds[action.kind] ?? []))
                let candidates = scenario.objectives.filter { objective in
                    kinds.contains(objective.kind) && ledger.met[objective.id] == nil
                        && (objective.by ?? playerRoles).contains(action.role)
                        && ledger.decisions[objective.id]?[recorded.sequence] == nil
                        && ledger.skipped[objective.from ?? ""] == nil
                }
                if !candidates.isEmpty { items.append(item(.unmatched, candidates.map(candidate))) }
            } else {
                for id in met {
                    guard let satisfaction = ledger.met[id], !satisfaction.credited, ledger.decisions[id]?[recorded.sequence] == nil,
                          let objective = scenario.objective(id) else { continue }
                    items.append(item(.automatic, [candidate(objective)]))
                }
            }
        }
        self.items = items
    }
}
