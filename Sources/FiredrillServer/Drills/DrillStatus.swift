/// Where a drill on the server stands, as the API names it.
public enum DrillStatus: String, Sendable, Hashable, Codable {
    /// Made, not started: players can join and read the briefing.
    case ready
    case running
    case paused
    /// Cut off (the server stopped) and offered again, paused where its clock stopped.
    case interrupted
    case finished
}
