extension ReplayScript {
    /// Plays the whole drill on the virtual clock: every step at its script time, then (unless
    /// the script ends the drill or stops unfinished) the drill runs to its planned duration.
    /// The same scenario and script always give the same events.
    public func play(_ scenario: Scenario) throws(EngineError) -> DrillEngine {
        var engine = DrillEngine(scenario: scenario)
        if isNotStarted { return engine }
        engine.start()
        for entry in entries {
            do {
                try apply(entry, to: &engine)
            } catch {
                throw .invalidInput("line \(entry.line): \(error)")
            }
        }
        if isUnfinished {
            if let last = entries.last { engine.advance(to: last.time) }
        } else if !engine.isFinished {
            engine.end(at: scenario.duration, reason: .completed)
        }
        return engine
    }

    private func apply(_ entry: Entry, to engine: inout DrillEngine) throws(EngineError) {
        try engine.apply(entry.step, at: entry.time)
    }
}
