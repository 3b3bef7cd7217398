/// An evaluator's (or trainer's) decision on whether an action met an objective. Keyword
/// matching is a help, not the judge: people answer in their own words or press the wrong
/// button, and the evaluator has the last word.
///
/// - `credit`: the action meets the objective, at the action's drill time and by its role,
///   whatever its kind, text or target.
/// - `reject`: the action does not meet it, although matching said so; the next action that
///   matches (or is credited) meets it instead.
///
/// The latest decision on an action and objective stands. Decisions are drill inputs like
/// observations: recorded in the chain, reproduced by replay, allowed during and after the drill.
public struct Adjudication: Sendable, Hashable {
    public enum Decision: String, Sendable, Hashable, Codable, CaseIterable {
        case credit
        case reject
    }

    /// The sequence number of the action's event in the drill's record.
    public var action: Int
    public var objective: String
    public var decision: Decision
    /// Why, in the evaluator's words.
    public var note: String?
    /// Who decided: an evaluator's label (`evaluator-1`) or `trainer`, never a name.
    public var by: String?

    public init(action: Int, objective: String, decision: Decision, note: String? = nil, by: String? = nil) {
        self.action = action
        self.objective = objective
        self.decision = decision
        self.note = TextField.withLineFeeds(note)
        self.by = by
    }

    /// Problems with the decision in a drill whose record so far is `events`; empty when it
    /// can be recorded.
    public func problems(in scenario: Scenario, events: [DrillEvent], limits: ValidationLimits = .default) -> [String] {
        var problems: [String] = []
        if !events.indices.contains(action) {
            problems.append("'action' \(action) is not an event of this drill (its events are numbered 0 to \(max(0, events.count - 1)))")
        } else if case .action = events[action].kind {
        } else {
            problems.append("'action' \(action) is a '\(events[action].typeName)' event, not an action; name the 'seq' of an action")
        }
        if scenario.objective(objective) == nil {
            problems.append("unknown objective '\(objective.prefix(40))'\(Suggestions.hint(for: objective, among: scenario.objectives.map(\.id))) (objectives: \(scenario.objectives.map(\.id).joined(separator: ", ")))")
        }
        if let note { problems += TextField.problems(note, field: "note", oneLine: false, required: false, limits: limits) }
        if let by { problems += TextField.problems(by, field: "by", oneLine: true, required: true, limits: limits) }
        return problems
    }
}

// Coded as its fields, in events and replay scripts alike (keys and decoding in Inputs+Coding.swift;
// Swift synthesizes the encoding only in the type's own file).
extension Adjudication: Codable {}
