/// Bounds on scenario size, so that a hostile or broken file is rejected quickly and in
/// bounded memory. The defaults are far above any hand-written drill.
public struct ValidationLimits: Sendable, Hashable {
    /// Largest scenario file, in bytes.
    public var maximumFileBytes: Int = 4 * 1024 * 1024
    /// Deepest nesting of lists and mappings (a scenario needs four).
    public var maximumDepth: Int = 32
    /// Most nodes in the document tree, counting each use of a YAML alias anew.
    public var maximumNodes: Int = 400_000
    public var maximumRoles: Int = 500
    public var maximumInjects: Int = 5_000
    public var maximumObjectives: Int = 1_000
    public var maximumChannels: Int = 100
    /// Longest item list elsewhere (tags, keywords, survey questions, recipients).
    public var maximumListItems: Int = 500
    /// Longest text of a multi-line field (`body`, `summary`, `notes`, `reply`), in characters.
    public var maximumTextLength: Int = 20_000
    /// Longest one-line field (`title`, `subject`, names), in characters.
    public var maximumLineLength: Int = 500
    /// Most items of a role card (`responsibilities`), as the format says.
    public var maximumResponsibilities: Int = 20
    /// Most quiz questions, and most choices of one, as the format says.
    public var maximumQuizQuestions: Int = 50
    public var maximumQuizChoices: Int = 10
    /// Largest objective weight. Weights are relative; bounding them keeps every sum finite.
    public var maximumWeight: Double = 1_000

    public init() {}

    public static let `default` = ValidationLimits()

    /// Limits scaled for synthetic benchmark scenarios.
    public static func scaled(by factor: Int) -> ValidationLimits {
        var limits = ValidationLimits()
        limits.maximumFileBytes *= factor
        limits.maximumNodes *= factor
        limits.maximumInjects *= factor
        limits.maximumObjectives *= factor
        limits.maximumRoles *= factor
        return limits
    }
}
