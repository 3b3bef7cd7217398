import Testing
@testable import FiredrillCore

/// The trainer steers the drill clock for people: a new speed at any time, and "go to the
/// next inject" over a quiet stretch; both are recorded and replayed.
@Suite("Steering the drill clock")
struct ClockSteeringTests {
    @Test("going to the next inject jumps the clock there, delivers it and records the jump")
    func nextInject() throws {
        var engine = DrillEngine(scenario: Fixtures.certificate())
        engine.start()
        #expect(engine.nextInjectTime(after: .zero) == .seconds(60))
        let events = try engine.advanceToNextInject(at: .seconds(5))
        #expect(events.map(\.typeName) == ["clock-advanced", "inject-delivered"])
        #expect(engine.now == .seconds(60) && engine.ledger.isDelivered("alert"))
        if case .clockAdvanced(let from) = events[0].kind { #expect(from == .seconds(5)) } else { Issue.record("no jump recorded") }
        // The angry CTO at 10m is next (guarded by met(esc), which does not hold).
        _ = try engine.advanceToNextInject(at: .seconds(61))
        #expect(engine.now == .seconds(600) && engine.ledger.skipped["angry"] == nil && engine.ledger.isDelivered("angry"))
        #expect(throws: EngineError.noInjectLeft) { try engine.advanceToNextInject(at: .seconds(601)) }
        #expect(engine.events.last?.typeName == "inject-delivered", "a refused jump records nothing")
        engine.end(at: .seconds(900), reason: .endedByTrainer)
        let report = DrillReport(scenario: Fixtures.certificate(), events: engine.events, mode: .live)
        #expect(report.drill.skippedSeconds == 55 + 539)
    }

    @Test("a speed change is recorded at any time, checked against the range, and a restored session runs at the speed last set")
    func speedChanges() async throws {
        var engine = DrillEngine(scenario: Fixtures.certificate())
        engine.start()
        _ = try engine.changeSpeed(4, at: .seconds(30))
        engine.pause(at: .seconds(40))
        _ = try engine.changeSpeed(0.5, at: .seconds(40))
        #expect(throws: EngineError.self) { try engine.changeSpeed(0, at: .seconds(40)) }
        #expect(throws: EngineError.self) { try engine.changeSpeed(.infinity, at: .seconds(40)) }
        #expect(engine.recordedSpeed == 0.5)
        let text = ReplayScript.export(events: engine.events, scenario: Fixtures.certificate(), mode: .live)
        #expect(text.contains("0:30 !speed 4") && text.contains("0:40 !speed 0.5"), "\(text)")
        let replayed = try ReplayScript.parse(text, for: Fixtures.certificate()).get().play(Fixtures.certificate())
        #expect(Array(replayed.events.prefix(engine.events.count)) == engine.events)
        let session = DrillSession(scenario: Fixtures.certificate(), clock: ManualClock(), speed: 60, restoring: try DrillEngine.restoring(Fixtures.certificate(), from: engine.events))
        #expect(await session.speed == 0.5)
    }

    @Test("a session at a new speed maps real time to drill time from the moment of the change")
    func sessionSpeed() async throws {
        let clock = ManualClock()
        let session = DrillSession(scenario: Fixtures.certificate(), clock: clock, speed: 1)
        try await session.start()
        clock.advance(by: .seconds(10))
        #expect(await session.currentDrillTime == .seconds(10))
        try await session.changeSpeed(6)
        clock.advance(by: .seconds(10))
        #expect(await session.currentDrillTime == .seconds(70), "10 s at 1× and 10 s at 6×")
        // The alert was due at 1:00; the next inject after 1:10 is the CTO's at 10:00.
        try await session.advanceToNextInject()
        #expect(await session.currentDrillTime == .seconds(600))
        let ledger = await session.snapshot.ledger
        #expect(ledger.isDelivered("alert") && ledger.isDelivered("angry"))
        clock.advance(by: .seconds(1))
        #expect(await session.currentDrillTime == .seconds(606), "6× from the jump on")
    }
}
