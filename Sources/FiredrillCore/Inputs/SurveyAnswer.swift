/// One participant's answer to one survey question: a score (1–5) with an optional comment
/// for a scale question, the text for a text question.
public struct SurveyAnswer: Sendable, Hashable {
    /// Who answered: a participant key such as `terminal` or `p-3`, never a name. A newer
    /// answer of the same participant to the same question replaces the older one.
    public var participant: String?
    /// 0-based index into the scenario's survey.
    public var question: Int
    public var score: Int?
    public var comment: String?

    public init(participant: String? = nil, question: Int, score: Int? = nil, comment: String? = nil) {
        self.participant = participant
        self.question = question
        self.score = score
        self.comment = TextField.withLineFeeds(comment)
    }

    /// Problems with the answer for `scenario`; empty when it can be recorded.
    public func problems(in scenario: Scenario, limits: ValidationLimits = .default) -> [String] {
        guard scenario.survey.indices.contains(question) else {
            let range = scenario.survey.isEmpty ? "it has none" : "'question' is the question's index, 0 to \(scenario.survey.count - 1)"
            return ["there is no survey question \(question) (\(range))"]
        }
        var problems: [String] = []
        switch scenario.survey[question].kind {
        case .scale:
            if let score, !(1...5).contains(score) { problems.append("question \(question + 1) is answered 1 to 5, not \(score)") }
            if score == nil { problems.append("question \(question + 1) needs a score from 1 to 5") }
        case .text:
            if score != nil { problems.append("question \(question + 1) is answered in words, not with a score") }
            if (comment ?? "").allSatisfy(\.isWhitespace) { problems.append("question \(question + 1) needs a text answer") }
        }
        if let comment { problems += TextField.problems(comment, field: "comment", oneLine: false, required: false, limits: limits) }
        return problems
    }

    /// Reads a terminal answer: `4`, `4 - clear after the status meeting`, `４`, or free text
    /// for a text question. `nil` when a scale answer does not start with 1 to 5.
    public static func parse(_ line: String, question: Int, kind: SurveyQuestion.Kind, participant: String?) -> SurveyAnswer? {
        // The score is read in half-width form (`４` is 4); the comment is kept as typed.
        let typed = Substring(line).trimmingWhitespace
        switch kind {
        case .text:
            return SurveyAnswer(participant: participant, question: question, comment: typed)
        case .scale:
            let normalized = TextMatching.normalizeWidth(typed)
            guard let first = normalized.first, let score = first.wholeNumberValue, (1...5).contains(score) else { return nil }
            let rest = Substring(typed).dropFirst()
            // A digit right after the first makes it another number (12), not a score.
            if let next = rest.first, next.isNumber { return nil }
            let comment = String(rest.drop { $0.isWhitespace || "-–—:,.、。)－：，．）".contains($0) }).trimmingWhitespace
            return SurveyAnswer(participant: participant, question: question, score: score, comment: comment.isEmpty ? nil : comment)
        }
    }
}

// Coded as its fields, in events and replay scripts alike (keys and decoding in Inputs+Coding.swift;
// Swift synthesizes the encoding only in the type's own file).
extension SurveyAnswer: Codable {}
