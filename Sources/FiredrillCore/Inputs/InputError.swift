/// Why the core refused something a person asked of a drill: a bad value (`invalid`), a
/// request the drill's state does not allow now (`conflict`), or one the asker may not make
/// (`notAllowed`). Adapters show ``message`` as it is and map ``kind`` to their own terms
/// once (HTTP: 422, 409, 403); ``code`` is a stable snake_case name for programs.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case invalid
        case conflict
        case notAllowed
    }

    public var kind: Kind
    public var code: String
    public var message: String
    /// Each problem, when there are several (a scenario that does not validate).
    public var problems: [String]

    public init(_ kind: Kind, _ code: String, _ message: String, problems: [String] = []) {
        self.kind = kind
        self.code = code
        self.message = message
        self.problems = problems
    }

    public var description: String { message }
}
