import FiredrillCore

/// Where a drill was played from.
public enum RunInterface: String, Sendable, Hashable, Codable, CaseIterable {
    /// Live, at a terminal (`firedrill run`).
    case terminal
    /// Live, through `firedrill serve` (browsers, `firedrill join`).
    case server
    /// Replayed from a script (`firedrill replay --record`).
    case script

    /// Live drills are played by people; scripts are replays.
    public var mode: DrillMode { self == .script ? .replay : .live }
}
