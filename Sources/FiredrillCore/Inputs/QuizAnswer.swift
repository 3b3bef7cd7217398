/// One participant's answer to one quiz question, given after the drill: the choices they
/// picked. Scored per participant, apart from the drill's score; the report counts answers
/// per question and department, never per person.
public struct QuizAnswer: Sendable, Hashable {
    /// Who answered: a participant key such as `terminal` or `p-3`, never a name. Each
    /// participant answers a question once.
    public var participant: String?
    /// The department the answer counts for: that of the first role of the participant.
    public var department: String?
    /// The question's id.
    public var question: String
    /// The picked choices, by number from 0, ascending, without repeats.
    public var choices: [Int]

    public init(participant: String? = nil, department: String? = nil, question: String, choices: [Int]) {
        self.participant = participant
        self.department = department
        self.question = question
        self.choices = Array(Set(choices)).sorted()
    }

    /// Problems with the answer for `scenario`; empty when it can be recorded.
    public func problems(in scenario: Scenario) -> [String] {
        guard let asked = scenario.quiz.first(where: { $0.id == question }) else {
            let known = scenario.quiz.isEmpty ? "this drill has no quiz" : "questions: " + scenario.quiz.map(\.id).joined(separator: ", ")
            return ["there is no quiz question '\(question.prefix(40))' (\(known))"]
        }
        if choices.isEmpty { return ["question '\(question)' needs at least one choice"] }
        if let bad = choices.first(where: { !asked.choices.indices.contains($0) }) {
            return ["question '\(question)' has no choice \(bad) (choices are numbered 0 to \(asked.choices.count - 1))"]
        }
        return []
    }

    /// Whether the picked choices are exactly the correct ones.
    public func isCorrect(in scenario: Scenario) -> Bool {
        scenario.quiz.first { $0.id == question }?.answers == choices
    }
}

extension QuizAnswer: Codable {
    enum CodingKeys: String, CodingKey {
        case participant, department, question, choices
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            participant: try container.decodeIfPresent(String.self, forKey: .participant),
            department: try container.decodeIfPresent(String.self, forKey: .department),
            question: try container.decode(String.self, forKey: .question),
            choices: try container.decode([Int].self, forKey: .choices)
        )
    }
}
