/// A question of the knowledge check each participant takes after the drill: scored per
/// participant, apart from the drill's score. `answers` and `explanation` are for the
/// trainer until the participant has answered.
public struct QuizQuestion: Sendable, Hashable {
    public var id: String
    public var question: String
    /// Two to ten choices, in the order shown.
    public var choices: [String]
    /// The numbers of the correct choices, from 0, in ascending order (one or several).
    public var answers: [Int]
    public var explanation: String?

    public init(id: String, question: String, choices: [String], answers: [Int], explanation: String? = nil) {
        self.id = id
        self.question = question
        self.choices = choices
        self.answers = answers
        self.explanation = explanation
    }
}
