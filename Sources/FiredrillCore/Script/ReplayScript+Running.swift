extension ReplayScript {
    /// Plays the whole drill on the virtual clock: every action at its script time, then the
    /// drill runs to its planned duration. The same scenario and script always give the
    /// same events.
    public func play(_ scenario: Scenario) throws(EngineError) -> DrillEngine {
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        for entry in entries {
            _ = try engine.perform(entry.action, at: entry.time)
        }
        engine.end(at: scenario.duration, reason: .completed)
        return engine
    }
}
