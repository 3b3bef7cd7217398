import Testing
@testable import FiredrillCore

@Suite("DrillEngine")
struct DrillEngineTests {
    typealias F = Fixtures

    func play(_ scenario: Scenario = Fixtures.certificate(), actions: [(Int64, PlayerAction)] = []) throws -> DrillEngine {
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        for (seconds, action) in actions { _ = try engine.perform(action, at: .seconds(seconds)) }
        engine.end(at: scenario.duration, reason: .completed)
        return engine
    }

    @Test func withoutActionsDeliversAtInjectsAndGuardsByState() throws {
        let engine = try play()
        #expect(engine.trace == [
            "0:00 started",
            "1:00 inject-delivered alert",
            "10:00 inject-delivered angry",
            "30:00 ended completed",
        ])
        let report = DrillReport(scenario: engine.scenario, events: engine.events, mode: .replay)
        #expect(report.score == 0)
        #expect(report.injects.map(\.status) == [.delivered, .delivered, .notReached, .notReached])
        #expect(report.injects.map(\.atSeconds) == [60, 600, nil, nil])
        #expect(report.objectives.map(\.status) == [.missed, .missed, .missed])
        #expect(report.objectives.map(\.rating) == [.unable, .unable, .unable])
        #expect(report.objectives.allSatisfy { $0.elapsedSeconds == nil && $0.credit == 0 })
    }

    @Test func escalationOverAcceptedChannelFiresWhenChainSkipsGuardAndGetsPersonaReply() throws {
        let engine = try play(actions: [(240, F.action("ops", .escalate, "db down", to: "boss", via: "phone"))])
        #expect(engine.trace == [
            "0:00 started",
            "1:00 inject-delivered alert",
            "4:00 action ops escalate boss via phone db down",
            // follow: 1m after met(esc); chain: when delivered(follow), no delay, right after it.
            "5:00 inject-delivered follow",
            "5:00 inject-delivered chain",
            // The persona replies delay (2m) after the escalation.
            "6:00 persona-reply boss->ops",
            // angry's guard `not met(esc)` is false at 10:00.
            "10:00 inject-skipped angry",
            "30:00 ended completed",
        ])
        let report = DrillReport(scenario: engine.scenario, events: engine.events, mode: .replay)
        let esc = try #require(report.objectives.first { $0.id == "esc" })
        #expect(esc.status == .met && esc.elapsedSeconds == 240 && esc.credit == 1 && esc.rating == .performed)
        #expect(report.injects.first { $0.id == "angry" }?.status == .skipped)
        #expect(report.injects.first { $0.id == "angry" }?.atSeconds == 600)
        // ack missed (0), esc 1 × weight 2, fix missed (0): 100 × 2 / 4 = 50.
        #expect(report.score == 50)
    }

    @Test func escalationOverIgnoredChannelNeitherCountsNorGetsAReply() throws {
        let engine = try play(actions: [(240, F.action("ops", .escalate, to: "boss", via: "chat"))])
        #expect(!engine.trace.contains { $0.contains("persona-reply") })
        #expect(engine.ledger.met["esc"] == nil)
        #expect(engine.trace.contains("10:00 inject-delivered angry"))
    }

    @Test func handComputedPartialCredits() throws {
        let engine = try play(actions: [
            (90, F.action("ops", .acknowledge, "seen")),          // alert at 60: elapsed 30 ≤ 120 → 1 (P)
            (660, F.action("ops", .escalate, to: "boss", via: "phone")), // elapsed 660: (900−660)/(900−300) = 0.4 (M)
            (1200, F.action("sec", .action, "Renew the CERTIFICATE")), // elapsed 1200 = target → 1 (P)
        ])
        let report = DrillReport(scenario: engine.scenario, events: engine.events, mode: .replay)
        #expect(report.objectives.map(\.credit) == [1, 0.4, 1])
        #expect(report.objectives.map(\.rating) == [.performed, .majorChallenges, .performed])
        #expect(report.objectives.map(\.elapsedSeconds) == [30, 660, 1200])
        #expect(report.objectives.map(\.metBy) == ["ops", "ops", "sec"])
        // (1×1 + 2×0.4 + 1×1) / 4 = 0.7
        #expect(report.score == 70)
        #expect(report.metrics.timeToAcknowledgeSeconds == 90)
        #expect(report.metrics.timeToEscalateSeconds == 660)
        #expect(report.metrics.timeToFirstActionSeconds == 1200)
        #expect(report.metrics.timeToResolveSeconds == nil)
    }

    @Test func actionsBeforeTheClockStartDoNotCount() throws {
        let engine = try play(actions: [
            (30, F.action("ops", .acknowledge)),  // before alert (1:00): ignored for `ack`
            (240, F.action("ops", .acknowledge)), // elapsed 180: (240−180)/(240−120) = 0.5 → S
        ])
        let report = DrillReport(scenario: engine.scenario, events: engine.events, mode: .replay)
        let ack = try #require(report.objectives.first)
        #expect(ack.elapsedSeconds == 180 && ack.credit == 0.5 && ack.rating == .someChallenges)
        // The metric counts the first acknowledgement, whatever its objective.
        #expect(report.metrics.timeToAcknowledgeSeconds == 30)
    }

    @Test func actionAtTheSameTimeAsADeliverySeesTheInject() throws {
        let engine = try play(actions: [(60, F.action("ops", .acknowledge))])
        #expect(Array(engine.trace.prefix(3)) == ["0:00 started", "1:00 inject-delivered alert", "1:00 action ops ack"])
        #expect(engine.ledger.met["ack"]?.time == .seconds(60))
    }

    @Test func scheduledItemsAtTheSameTimeComeBeforeActionsAtThatTime() throws {
        // Escalating exactly at 10:00: angry (at 10:00, guard `not met(esc)`) is processed first.
        let engine = try play(actions: [(600, F.action("ops", .escalate, to: "boss", via: "phone"))])
        let index = try #require(engine.trace.firstIndex(of: "10:00 inject-delivered angry"))
        #expect(engine.trace[index + 1] == "10:00 action ops escalate boss via phone")
    }

    @Test func atInjectsAtTheSameTimeFollowFileOrderAndGuardsSeeEarlierOnes() throws {
        let scenario = Fixtures.certificate(extraInjects: [
            Inject(id: "b", to: .all, channel: "chat", subject: "B", trigger: .at(.seconds(60)),
                   guardCondition: .delivered("alert")),
            Inject(id: "c", to: .all, channel: "chat", subject: "C", trigger: .at(.seconds(60)),
                   guardCondition: .delivered("d")),
            Inject(id: "d", to: .all, channel: "chat", subject: "D", trigger: .at(.seconds(60))),
        ])
        let engine = try play(scenario)
        #expect(Array(engine.trace[1...4]) == [
            "1:00 inject-delivered alert", "1:00 inject-delivered b", "1:00 inject-skipped c", "1:00 inject-delivered d",
        ])
    }

    @Test func whenInjectFiresOnceWhenItsConditionFirstHolds() throws {
        // `not delivered(alert)` holds at the start, so `early` is scheduled for 0:30 and fires
        // even though alert arrives before then is false by 1:00; it fires only once.
        let scenario = Fixtures.certificate(extraInjects: [
            Inject(id: "early", to: .all, channel: "chat", subject: "Early",
                   trigger: .when(.not(.delivered("alert")), delay: .seconds(30))),
            Inject(id: "twice", to: .all, channel: "chat", subject: "Twice",
                   trigger: .when(.or(.delivered("alert"), .delivered("angry")), delay: .zero)),
        ])
        let engine = try play(scenario)
        #expect(engine.trace.filter { $0.hasSuffix(" early") } == ["0:30 inject-delivered early"])
        #expect(engine.trace.filter { $0.hasSuffix(" twice") } == ["1:00 inject-delivered twice"])
    }

    @Test func whenInjectsDueAfterTheEndAreNotReached() throws {
        let scenario = Fixtures.certificate(extraInjects: [
            Inject(id: "late", to: .all, channel: "chat", subject: "Late",
                   trigger: .when(.delivered("angry"), delay: .seconds(3600))),
        ])
        let report = DrillReport(scenario: scenario, events: try play(scenario).events, mode: .replay)
        #expect(report.injects.first { $0.id == "late" }?.status == .notReached)
        #expect(report.injects.first { $0.id == "late" }?.atSeconds == nil)
    }

    @Test func objectiveFollowingASkippedInjectIsNotApplicableAndUnscored() throws {
        let scenario = Fixtures.certificate(extraObjectives: [
            Objective(id: "calm-cto", kind: .communicate, from: "angry", target: .seconds(60), weight: 5),
        ])
        let engine = try play(scenario, actions: [
            (240, F.action("ops", .escalate, to: "boss", via: "phone")),
            (700, F.action("ops", .communicate, "all fine")),
        ])
        let report = DrillReport(scenario: scenario, events: engine.events, mode: .replay)
        let calm = try #require(report.objectives.last)
        #expect(calm.status == .notApplicable && calm.rating == nil && calm.credit == nil && calm.elapsedSeconds == nil)
        // Only ack (0), esc (1 × 2) and fix (0) count: 100 × 2 / 4 = 50, not diluted by weight 5.
        #expect(report.score == 50)
    }

    @Test func weightZeroTracksWithoutScoringAndNoWeightMeansNoScore() throws {
        var scenario = Fixtures.certificate()
        scenario.objectives[0].weight = 0
        let engine = try play(scenario, actions: [(90, F.action("ops", .acknowledge))])
        let report = DrillReport(scenario: scenario, events: engine.events, mode: .replay)
        #expect(report.objectives[0].rating == .performed)
        #expect(report.score == 0) // esc and fix missed; ack has no weight
        for index in scenario.objectives.indices { scenario.objectives[index].weight = 0 }
        #expect(DrillReport(scenario: scenario, events: try play(scenario).events, mode: .replay).score == nil)
    }

    @Test func matchIsCaseAndWidthInsensitiveAndNeedsOneKeyword() throws {
        let cases: [(String, Bool)] = [("RENEW it", true), ("ＣＥＲＴＩＦＩＣＡＴＥ swapped", true), ("restart nginx", false)]
        for (text, expected) in cases {
            let engine = try play(actions: [(100, F.action("ops", .action, text))])
            #expect((engine.ledger.met["fix"] != nil) == expected, "\(text)")
        }
    }

    @Test func byRestrictsWhoCanMeetAnObjective() throws {
        var scenario = Fixtures.certificate()
        scenario.objectives[2].by = ["sec"]
        let engine = try play(scenario, actions: [(100, F.action("ops", .action, "renew")), (200, F.action("sec", .action, "renew"))])
        #expect(engine.ledger.met["fix"]?.time == .seconds(200))
    }

    @Test func viaOverridesThePersonasChannels() throws {
        var scenario = Fixtures.certificate()
        scenario.objectives[1].via = ["chat", "phone"]
        let engine = try play(scenario, actions: [(100, F.action("ops", .escalate, to: "boss", via: "chat"))])
        #expect(engine.ledger.met["esc"] != nil)
        // The persona still ignores chat.
        #expect(!engine.trace.contains { $0.contains("persona-reply") })
    }

    @Test func refusesImpossibleRequests() throws {
        var engine = DrillEngine(scenario: Fixtures.certificate())
        #expect(throws: EngineError.notStarted) { try engine.perform(F.action("ops", .acknowledge), at: .zero) }
        engine.start()
        _ = try engine.perform(F.action("ops", .acknowledge), at: .seconds(100))
        #expect(throws: EngineError.timeWentBackwards(now: .seconds(100), requested: .seconds(50))) {
            try engine.perform(F.action("ops", .acknowledge), at: .seconds(50))
        }
        #expect(throws: EngineError.simulatedRole("boss")) { try engine.perform(F.action("boss", .acknowledge), at: .seconds(100)) }
        #expect(throws: EngineError.afterEnd(duration: .seconds(1800))) { try engine.perform(F.action("ops", .acknowledge), at: .seconds(1801)) }
        engine.end(at: .seconds(200), reason: .endedByTrainer)
        #expect(throws: EngineError.finished) { try engine.perform(F.action("ops", .acknowledge), at: .seconds(300)) }
    }

    @Test func endingEarlyLeavesLaterInjectsNotReached() throws {
        var engine = DrillEngine(scenario: Fixtures.certificate())
        engine.start()
        engine.end(at: .seconds(300), reason: .endedByTrainer)
        let report = DrillReport(scenario: engine.scenario, events: engine.events, mode: .replay)
        #expect(report.injects.map(\.status) == [.delivered, .notReached, .notReached, .notReached])
        #expect(report.drill.endedAtSeconds == 300 && report.drill.endReason == .endedByTrainer)
    }

    @Test func pauseAndResumeAreRecordedWithoutMovingDrillTime() throws {
        var engine = DrillEngine(scenario: Fixtures.certificate())
        engine.start()
        engine.pause(at: .seconds(90))
        engine.resume()
        #expect(engine.trace == ["0:00 started", "1:00 inject-delivered alert", "1:30 paused", "1:30 resumed"])
    }

    @Test func restoringFromTheRecordReproducesTheEngine() throws {
        var original = DrillEngine(scenario: Fixtures.certificate())
        original.start()
        _ = try original.perform(F.action("ops", .escalate, to: "boss", via: "phone"), at: .seconds(240))
        original.pause(at: .seconds(330))
        original.resume()
        _ = try original.perform(F.action("ops", .acknowledge), at: .seconds(400))
        let restored = try DrillEngine.restoring(original.scenario, from: original.events)
        #expect(restored.events == original.events)
        #expect(restored.now == original.now)
        var continued = restored
        var reference = original
        continued.end(at: .seconds(1800), reason: .completed)
        reference.end(at: .seconds(1800), reason: .completed)
        #expect(continued.events == reference.events)
    }

    @Test func restoringRejectsARecordThatDoesNotMatchTheScenario() throws {
        var original = DrillEngine(scenario: Fixtures.certificate())
        original.start()
        original.advance(to: .seconds(700))
        var tampered = original.events
        tampered[1].time = .seconds(61)
        #expect(throws: EngineError.self) { try DrillEngine.restoring(original.scenario, from: tampered) }
    }

    @Test func surveyAnswersComeAfterTheEndAndAreReportedWithTheirMedian() throws {
        var scenario = Fixtures.certificate()
        scenario.survey = [SurveyQuestion("How realistic was it?"), SurveyQuestion("How clear were the escalation paths?"), SurveyQuestion("What would you change?", kind: .text)]
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        #expect(throws: EngineError.surveyBeforeEnd) { try engine.answerSurvey(SurveyAnswer(participant: "a", question: 0, score: 4)) }
        engine.end(at: .seconds(300), reason: .endedByTrainer)
        #expect(throws: EngineError.invalidInput("question 1 is answered 1 to 5, not 6")) { try engine.answerSurvey(SurveyAnswer(question: 0, score: 6)) }
        #expect(throws: EngineError.invalidInput("there is no survey question 3 ('question' is the question's index, 0 to 2)")) { try engine.answerSurvey(SurveyAnswer(question: 3, score: 3)) }
        #expect(throws: EngineError.invalidInput("question 3 is answered in words, not with a score")) { try engine.answerSurvey(SurveyAnswer(question: 2, score: 3, comment: "x")) }
        _ = try engine.answerSurvey(SurveyAnswer(participant: "a", question: 0, score: 5))
        _ = try engine.answerSurvey(SurveyAnswer(participant: "b", question: 0, score: 2, comment: "escalation path unclear"))
        // a changes their mind: the newer answer replaces the older.
        _ = try engine.answerSurvey(SurveyAnswer(participant: "a", question: 0, score: 4))
        _ = try engine.answerSurvey(SurveyAnswer(participant: "b", question: 2, comment: "Call the supervisor first"))
        #expect(engine.unansweredSurveyQuestions(participant: "a") == [1, 2])
        #expect(engine.unansweredSurveyQuestions(participant: "b") == [1])
        #expect(engine.trace.suffix(2) == ["5:00 survey-answer 0:4", "5:00 survey-answer 2:"])
        let report = DrillReport(scenario: scenario, events: engine.events, mode: .replay)
        #expect(report.survey.map(\.answers) == [[4, 2], [], []])
        #expect(report.survey.map(\.count) == [2, 0, 1])
        #expect(report.survey.map(\.median) == [3, nil, nil])
        #expect(report.survey.map(\.texts) == [["escalation path unclear"], [], ["Call the supervisor first"]])
        #expect(try DrillEngine.restoring(scenario, from: engine.events).events == engine.events)
    }
}
