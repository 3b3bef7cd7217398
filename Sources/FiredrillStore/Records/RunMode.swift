import GRDB

/// How a drill was played.
public enum RunMode: String, Sendable, Hashable, Codable, CaseIterable, DatabaseValueConvertible {
    /// Live, at the terminal.
    case terminal
    /// From a replay script.
    case replay
}
