import Testing
@testable import FiredrillCore

/// Evaluators have the last word: a credit makes an action meet an objective whatever it
/// is, a reject withdraws a match, the latest decision stands, and the score follows, with
/// the score of matching alone beside it.
@Suite("Adjudication")
struct AdjudicationTests {
    /// The fixture's drill with an objective for the customer's holding reply (keywords) and
    /// a report whose clock starts late.
    var scenario: Scenario {
        var scenario = Fixtures.certificate(
            extraInjects: [Inject(id: "request", to: .all, channel: "email", subject: "Report please", trigger: .at(.seconds(1500)))],
            extraObjectives: [
                Objective(id: "hold", kind: .communicate, target: .seconds(300), match: ["確認中", "追って"], expect: "Say it is being checked"),
                Objective(id: "write", kind: .report, from: "request", target: .seconds(120)),
            ]
        )
        scenario.duration = .seconds(1800)
        return scenario
    }

    func sequence(of engine: DrillEngine, _ text: String) throws -> Int {
        try #require(engine.events.last { if case .action(let action) = $0.kind { action.text == text } else { false } }?.sequence)
    }

    @Test("a natural answer the keywords miss is credited; the score moves and the automatic score stays")
    func creditMeetsWhateverTheText() throws {
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        _ = try engine.perform(Fixtures.action("ops", .communicate, "ただいま担当部署に確認しております"), at: .seconds(100))
        let answer = try sequence(of: engine, "ただいま担当部署に確認しております")
        #expect(!engine.ledger.isMet("hold"), "the keywords do not match the textbook answer")
        let queue = AdjudicationQueue(ledger: engine.ledger, now: engine.now)
        let item = try #require(queue.items.first { $0.action == answer })
        #expect(item.reason == .unmatched && item.candidates.map(\.objective).contains("hold"))
        _ = try engine.adjudicate(Adjudication(action: answer, objective: "hold", decision: .credit, note: "担当部署に確認中と同じ", by: "evaluator-1"), at: .seconds(200))
        #expect(engine.ledger.met["hold"]?.time == .seconds(100), "met at the action's time, by its role")
        #expect(engine.ledger.met["hold"]?.credited == true)
        engine.end(at: .seconds(1800), reason: .completed)
        let report = DrillReport(scenario: scenario, events: engine.events, mode: .live)
        let hold = try #require(report.objectives.first { $0.id == "hold" })
        #expect(hold.status == .met && hold.credit == 1 && hold.adjudicated && hold.metByAction == answer)
        #expect(hold.expected == "Say it is being checked", "the objective's own expect")
        #expect(report.score != report.automaticScore)
        let automaticHold = DrillReport.results(of: scenario, ledger: DrillLedger(scenario: scenario, adjudicating: false), ranToEnd: true, standsAt: .seconds(1800), evaluatorRatings: [:])
        #expect(automaticHold.first { $0.id == "hold" }?.status == .missed)
        #expect(!AdjudicationQueue(ledger: engine.ledger, now: engine.now).items.contains { $0.action == answer })
    }

    @Test("a rejected match no longer counts; the next action that matches meets the objective; the latest decision stands")
    func rejectWithdrawsAMatch() throws {
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        _ = try engine.perform(Fixtures.action("ops", .communicate, "お客様には追って連絡（社内向けメモ）"), at: .seconds(50))
        let first = try sequence(of: engine, "お客様には追って連絡（社内向けメモ）")
        #expect(engine.ledger.met["hold"]?.eventSequence == first)
        let queue = AdjudicationQueue(ledger: engine.ledger, now: engine.now)
        #expect(queue.items.contains { $0.action == first && $0.reason == .automatic }, "an unconfirmed match waits for an evaluator")
        _ = try engine.adjudicate(Adjudication(action: first, objective: "hold", decision: .reject), at: .seconds(60))
        #expect(!engine.ledger.isMet("hold"))
        _ = try engine.perform(Fixtures.action("sec", .communicate, "確認中です"), at: .seconds(400))
        let second = try sequence(of: engine, "確認中です")
        #expect(engine.ledger.met["hold"]?.eventSequence == second)
        // Changing one's mind: crediting the first again makes it the one that met it.
        _ = try engine.adjudicate(Adjudication(action: first, objective: "hold", decision: .credit), at: .seconds(410))
        #expect(engine.ledger.met["hold"]?.eventSequence == first)
        let report = DrillReport(scenario: scenario, events: engine.events, mode: .live)
        #expect(report.objectives.first { $0.id == "hold" }?.elapsedSeconds == 50)
    }

    @Test("a report written before its request is credited and counts once the request comes: on time")
    func creditBeforeTheClockStarts() throws {
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        _ = try engine.perform(Fixtures.action("ops", .report, "経緯と原因をまとめた報告書"), at: .seconds(1200))
        let early = try sequence(of: engine, "経緯と原因をまとめた報告書")
        _ = try engine.adjudicate(Adjudication(action: early, objective: "write", decision: .credit), at: .seconds(1210))
        #expect(!engine.ledger.isMet("write"), "its clock has not started")
        engine.advance(to: .seconds(1500))
        #expect(engine.ledger.met["write"]?.eventSequence == early)
        engine.end(at: .seconds(1800), reason: .completed)
        let write = try #require(DrillReport(scenario: scenario, events: engine.events, mode: .live).objectives.first { $0.id == "write" })
        #expect(write.status == .met && write.credit == 1 && write.elapsedSeconds == 0)
    }

    @Test("a credit that meets an objective releases the injects that wait on it")
    func creditReleasesWhenInjects() throws {
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        // Escalated by chat: the boss does not read chat, so `esc` (phone) is not met.
        _ = try engine.perform(Fixtures.action("ops", .report, "石川部長に電話で報告しました"), at: .seconds(120))
        let pressedReport = try sequence(of: engine, "石川部長に電話で報告しました")
        #expect(AdjudicationQueue(ledger: engine.ledger, now: engine.now).items.first { $0.action == pressedReport }?.candidates.map(\.objective) == ["esc", "hold", "write"],
                "a report's candidates: reports, and the kinds confused with it (escalations, communications)")
        _ = try engine.adjudicate(Adjudication(action: pressedReport, objective: "esc", decision: .credit), at: .seconds(150))
        engine.advance(to: .seconds(210))
        #expect(engine.ledger.isDelivered("follow"), "the vendor follow-up waits on met(esc) + 1m")
    }

    @Test("decisions are checked: an event that is no action, an unknown objective")
    func badDecisions() throws {
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        #expect(throws: EngineError.self) { try engine.adjudicate(Adjudication(action: 0, objective: "hold", decision: .credit), at: .seconds(1)) }
        _ = try engine.perform(Fixtures.action("ops", .acknowledge), at: .seconds(2))
        let ack = try #require(engine.events.last?.sequence)
        #expect(throws: EngineError.self) { try engine.adjudicate(Adjudication(action: ack, objective: "nope", decision: .credit), at: .seconds(3)) }
        #expect(throws: EngineError.self) { try engine.adjudicate(Adjudication(action: 999, objective: "hold", decision: .credit), at: .seconds(3)) }
    }

    @Test("decisions are recorded, exported and replayed: the script of an adjudicated drill replays to the same report")
    func replayKeepsDecisions() throws {
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        _ = try engine.perform(Fixtures.action("ops", .communicate, "担当部署に確認しております"), at: .seconds(100))
        let answer = try sequence(of: engine, "担当部署に確認しております")
        _ = try engine.adjudicate(Adjudication(action: answer, objective: "hold", decision: .credit, note: "natural", by: "evaluator-1"), at: .seconds(110))
        engine.end(at: .seconds(900), reason: .endedByTrainer)
        _ = try engine.adjudicate(Adjudication(action: answer, objective: "fix", decision: .reject, by: "trainer"), at: .seconds(900))
        let text = ReplayScript.export(events: engine.events, scenario: scenario, mode: .live)
        #expect(text.contains("!adjudicate {"))
        let replayed = try ReplayScript.parse(text, for: scenario).get().play(scenario)
        #expect(replayed.events == engine.events)
        let restored = try DrillEngine.restoring(scenario, from: engine.events)
        #expect(restored.ledger.met == engine.ledger.met)
    }
}
