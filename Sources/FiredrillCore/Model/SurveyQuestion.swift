/// A question asked of each participant after the drill.
public struct SurveyQuestion: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// Answered 1 (poor) to 5 (excellent), optionally with a comment.
        case scale
        /// Answered in free text: the hot wash.
        case text
    }

    public var text: String
    public var kind: Kind

    public init(_ text: String, kind: Kind = .scale) {
        self.text = text
        self.kind = kind
    }
}
