extension DrillEngine {
    /// Rebuilds an engine from a recorded event log by replaying its actions, pauses and
    /// resumes, and checks that the engine produces exactly the recorded events.
    ///
    /// The rebuilt engine stands at the time of the last recorded event. Where the record
    /// stops part-way through a moment (events the engine derives at that time were not yet
    /// stored), the missing events are regenerated and are at the end of `events`.
    public static func restoring(_ scenario: Scenario, from recorded: [DrillEvent]) throws(EngineError) -> DrillEngine {
        var engine = DrillEngine(scenario: scenario)
        guard let first = recorded.first else { return engine }
        guard case .started = first.kind else { throw .inconsistentRecord("the first event is not 'started'") }
        engine.start()
        for event in recorded.dropFirst() {
            if let input = DrillInput(recorded: event) {
                // A recorded input is applied at its time; a clock jump is applied from
                // where the clock stood before it.
                let time = if case .clockAdvanced(let from) = event.kind { from } else { event.time }
                try engine.apply(input, at: time)
            } else {
                engine.advance(to: event.time)
            }
        }
        let last = recorded[recorded.count - 1]
        engine.advance(to: last.time)
        guard engine.events.count >= recorded.count else {
            throw .inconsistentRecord("the record has \(recorded.count) events, the scenario produces only \(engine.events.count)")
        }
        for (expected, produced) in zip(recorded, engine.events) where expected != produced {
            throw .inconsistentRecord("event \(expected.sequence) was recorded as \(expected.typeName) at \(expected.time), the scenario produces \(produced.typeName) at \(produced.time)")
        }
        if let extra = engine.events.dropFirst(recorded.count).first, extra.time != last.time {
            throw .inconsistentRecord("the scenario produces \(extra.typeName) at \(extra.time) after the last recorded event")
        }
        return engine
    }
}
