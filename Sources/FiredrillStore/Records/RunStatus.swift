
/// Where a recorded run stands.
public enum RunStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Created on the server, not started yet: players can join and read the briefing.
    case ready
    /// Being recorded (or cut off without anyone noticing yet).
    case running
    /// Ended and scored; its record no longer changes.
    case finished
    /// Cut off before its end; it can be resumed.
    case interrupted
}
