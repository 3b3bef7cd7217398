/// What an evaluator saw: about one objective or the drill as a whole, with an HSEEP rating
/// or none, at the drill time it was recorded. Shown in the report beside the automatic
/// rating; it never changes the score.
public struct Observation: Sendable, Hashable {
    public var objective: String?
    public var rating: Scoring.Rating?
    public var text: String
    /// Which evaluator (a label such as `evaluator-1`, never a person's name).
    public var by: String?

    public init(objective: String? = nil, rating: Scoring.Rating? = nil, text: String, by: String? = nil) {
        self.objective = objective
        self.rating = rating
        self.text = TextField.withLineFeeds(text)
        self.by = by
    }

    /// Problems with the observation for `scenario`; empty when it can be recorded.
    public func problems(in scenario: Scenario, limits: ValidationLimits = .default) -> [String] {
        var problems: [String] = []
        if let objective, scenario.objective(objective) == nil {
            problems.append("unknown objective '\(objective.prefix(40))'\(Suggestions.hint(for: objective, among: scenario.objectives.map(\.id)))")
        }
        problems += TextField.problems(text, field: "text", oneLine: false, required: rating == nil, limits: limits)
        if let by { problems += TextField.problems(by, field: "by", oneLine: true, required: true, limits: limits) }
        return problems
    }
}

// Coded as its fields, in events and replay scripts alike (keys and decoding in Inputs+Coding.swift;
// Swift synthesizes the encoding only in the type's own file).
extension Observation: Codable {}
