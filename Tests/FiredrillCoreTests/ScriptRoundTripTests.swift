import Testing
@testable import FiredrillCore

/// Every input of a drill can be written as a script line, and the script exported from a
/// drill's record replays to exactly the same events and report.
@Suite("Script round trip")
struct ScriptRoundTripTests {
    var scenario: Scenario {
        var scenario = Fixtures.certificate()
        scenario.survey = [SurveyQuestion("How realistic?"), SurveyQuestion("What would you change?", kind: .text)]
        scenario.quiz = [
            QuizQuestion(id: "q1", question: "Who renews?", choices: ["Ops", "Security", "Nobody"], answers: [0], explanation: "Ops, by the runbook."),
            QuizQuestion(id: "q2", question: "Which two?", choices: ["A", "B", "C"], answers: [0, 2]),
        ]
        return scenario
    }

    /// A live drill with every kind of input, at millisecond drill times.
    func liveDrill() throws -> DrillEngine {
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        _ = try engine.perform(PlayerAction(role: "ops", kind: .acknowledge, text: "seen #42, looking"), at: DrillTime(milliseconds: 75_250))
        _ = try engine.deliver(AdlibInject(to: .roles(["ops", "sec"]), channel: "chat", from: "CTO", subject: "Status?", body: "Line one\nline \"two\" # not a comment"), at: DrillTime(milliseconds: 130_500))
        _ = try engine.observe(Observation(objective: "ack", rating: .performed, text: "Quick and calm", by: "evaluator-1"), at: DrillTime(milliseconds: 140_000))
        engine.pause(at: DrillTime(milliseconds: 200_001))
        _ = try engine.observe(Observation(text: "Paused for a question"), at: DrillTime(milliseconds: 200_001))
        engine.resume()
        _ = try engine.perform(PlayerAction(role: "ops", kind: .escalate, text: "cert expired", target: "boss", channel: "phone"), at: .seconds(400))
        engine.interrupt(at: DrillTime(milliseconds: 450_999))
        engine.advance(to: DrillTime(milliseconds: 450_999))
        engine.resume()
        _ = try engine.perform(PlayerAction(role: "sec", kind: .action, text: "renew the certificate"), at: .seconds(700))
        engine.end(at: .seconds(900), reason: .endedByTrainer)
        _ = try engine.observe(Observation(objective: "fix", rating: .someChallenges, text: "Renewal took long"), at: .seconds(900))
        _ = try engine.answerSurvey(SurveyAnswer(participant: "p-1", question: 0, score: 4, comment: "felt real"))
        _ = try engine.answerSurvey(SurveyAnswer(participant: "p-2", question: 1, comment: "Call the supervisor first"))
        _ = try engine.answerQuiz([QuizAnswer(participant: "p-1", department: "Operations", question: "q1", choices: [0]),
                                   QuizAnswer(participant: "p-1", department: "Operations", question: "q2", choices: [2, 0])])
        _ = try engine.answerQuiz(QuizAnswer(participant: "p-2", department: "IT セキュリティ", question: "q1", choices: [1]))
        return engine
    }

    @Test("quiz answers are drill inputs: after the end only, once per question, all or none, in the script, and counted per department in the report")
    func quizAnswers() throws {
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        #expect(throws: EngineError.quizBeforeEnd) { try engine.answerQuiz(QuizAnswer(participant: "p-1", question: "q1", choices: [0])) }
        engine.end(at: .seconds(60), reason: .endedByTrainer)
        #expect(throws: EngineError.self) { try engine.answerQuiz(QuizAnswer(participant: "p-1", question: "q9", choices: [0])) }
        #expect(throws: EngineError.self) { try engine.answerQuiz(QuizAnswer(participant: "p-1", question: "q1", choices: [3])) }
        // One bad answer in a submission records none of it.
        #expect(throws: EngineError.self) {
            try engine.answerQuiz([QuizAnswer(participant: "p-1", question: "q1", choices: [0]), QuizAnswer(participant: "p-1", question: "q2", choices: [9])])
        }
        #expect(engine.quizAnswers(participant: "p-1").isEmpty)
        _ = try engine.answerQuiz(QuizAnswer(participant: "p-1", department: "Ops", question: "q1", choices: [0]))
        #expect(throws: EngineError.quizAlreadyAnswered("q1")) { try engine.answerQuiz(QuizAnswer(participant: "p-1", question: "q1", choices: [1])) }
        #expect(EngineError.quizAlreadyAnswered("q1").input.kind == .conflict)

        let report = DrillReport(scenario: scenario, events: try liveDrill().events, mode: .live)
        let quiz = try #require(report.quiz)
        #expect(quiz.map(\.answers) == [2, 1] && quiz.map(\.correct) == [1, 1] && quiz[0].shareCorrect == 0.5)
        #expect(quiz[0].byDepartment == ["Operations": .init(answers: 1, correct: 1), "IT セキュリティ": .init(answers: 1, correct: 0)])
        #expect(!report.timeline.contains { $0.type == "quiz-answer" }, "never listed per person")
        var noQuiz = scenario
        noQuiz.quiz = []
        #expect(DrillReport(scenario: noQuiz, events: [], mode: .live).quiz == nil)
    }

    @Test func theExportedScriptReplaysToTheSameEventsAndReport() throws {
        let live = try liveDrill()
        let text = ReplayScript.export(events: live.events, scenario: scenario, mode: .live, header: ["run r-1"])
        #expect(text.hasPrefix("# run r-1\n!mode live\n"))
        #expect(text.contains("1:15.250 !action {"), "text with # is written as JSON:\n\(text)")
        #expect(text.contains("2:10.500 !inject {"))
        #expect(text.contains("3:20.001 !pause") && text.contains("7:30.999 !interrupt") && text.contains("15:00 !end\n"))
        let script = try ReplayScript.parse(text, for: scenario).get()
        #expect(script.mode == .live)
        let replayed = try script.play(scenario)
        #expect(replayed.events == live.events)
        let original = DrillReport(scenario: scenario, events: live.events, mode: .live)
        let again = DrillReport(scenario: scenario, events: replayed.events, mode: script.mode)
        #expect(again == original)
        #expect(original.drill.interruptions == 1 && original.drill.pauses == 1)
        #expect(original.observations.count == 3 && original.objectives.first { $0.id == "fix" }?.evaluatorRating == .someChallenges)
        #expect(original.injects.last?.adlib == true && original.injects.last?.id == "adlib-1")
    }

    @Test("a record that stops without an end replays to the same unfinished drill")
    func unfinished() throws {
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        _ = try engine.perform(PlayerAction(role: "ops", kind: .acknowledge), at: .seconds(90))
        engine.advance(to: .seconds(120))
        let text = ReplayScript.export(events: engine.events, scenario: scenario, mode: .live)
        #expect(text.hasSuffix("!unfinished\n"))
        let replayed = try ReplayScript.parse(text, for: scenario).get().play(scenario)
        #expect(replayed.events == engine.events)
        #expect(!replayed.isFinished)
    }

    /// Exports `engine`'s record, reads the script back and replays it: the same events.
    func roundTrip(_ engine: DrillEngine, in scenario: Scenario) throws {
        let text = ReplayScript.export(events: engine.events, scenario: scenario, mode: .live)
        let script: ReplayScript
        switch ReplayScript.parse(text, for: scenario) {
        case .success(let parsed): script = parsed
        case .failure(let error):
            Issue.record("the exported script does not read back: \(error.problems.prefix(3))")
            return
        }
        let replayed = try script.play(scenario)
        #expect(replayed.events == engine.events)
        #expect(DrillReport(scenario: scenario, events: replayed.events, mode: .live) == DrillReport(scenario: scenario, events: engine.events, mode: .live))
    }

    @Test("the longest commands accepted export to lines that replay, also where the exported command would be longer")
    func longestCommands() throws {
        let scenario = self.scenario
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        let length = ActionCommand.maximumLength
        // An escalation without 'via' exports with 'via chat': longer than the command typed.
        let commands = [
            "escalate boss " + String(repeating: "x", count: length - 14),
            "do " + String(repeating: "復", count: length - 3),
            "ｓａｙ " + String(repeating: "ｗ", count: length - 4),
            "report " + String(repeating: "#", count: length - 7),
        ]
        for (index, command) in commands.enumerated() {
            #expect(command.count == length)
            let action = try ActionCommand.parse(command, role: "ops", in: scenario).get()
            _ = try engine.perform(action, at: .seconds(Int64(10 + index)))
        }
        try roundTrip(engine, in: scenario)
    }

    @Test("the largest inputs accepted export to a script that replays: a 20,000-character Japanese comment and observation, an ad-lib to 500 long role ids")
    func largestInputs() throws {
        var scenario = self.scenario
        let many = (0..<500).map { Role(id: "role-\($0)-" + String(repeating: "r", count: 50), name: "Role \($0)") }
        scenario.roles += many
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        let japanese = String(repeating: "報告書に\"引用\"と改行\nを含む", count: 20_000 / 15)
        #expect(japanese.unicodeScalars.count <= ValidationLimits.default.maximumTextLength)
        let adlib = AdlibInject(to: .roles(many.map(\.id)), channel: "chat", from: String(repeating: "送", count: 500), subject: String(repeating: "件", count: 500), body: japanese)
        #expect(adlib.problems(in: scenario).isEmpty, "\(adlib.problems(in: scenario))")
        _ = try engine.deliver(adlib, at: .seconds(30))
        _ = try engine.observe(Observation(objective: "ack", rating: .someChallenges, text: japanese, by: "evaluator-1"), at: .seconds(40))
        engine.end(at: .seconds(60), reason: .endedByTrainer)
        _ = try engine.answerSurvey(SurveyAnswer(participant: "p-1", question: 1, comment: japanese))
        try roundTrip(engine, in: scenario)
    }

    @Test("a drill made but never started exports as not started and replays to nothing, not to a completed drill")
    func neverStarted() throws {
        let engine = DrillEngine(scenario: scenario)
        let text = ReplayScript.export(events: engine.events, scenario: scenario, mode: .live)
        #expect(text.contains("!not-started"), "\(text)")
        let replayed = try ReplayScript.parse(text, for: scenario).get().play(scenario)
        #expect(replayed.events.isEmpty && !replayed.isStarted)
        try roundTrip(engine, in: scenario)
        let report = DrillReport(scenario: scenario, events: replayed.events, mode: .live)
        #expect(report.drill.endReason == nil && report.score == nil, "a drill never played has no score")
        #expect(ReplayScript.parse("!not-started\n1:00 ops ack\n", for: scenario).failureMessages.contains { $0.contains("cannot have steps") })
    }

    @Test(arguments: [
        ("1:00 !inject {\"to\": [\"nobody\"], \"channel\": \"chat\", \"subject\": \"x\"}", "'!inject': 'to': unknown role 'nobody'"),
        ("1:00 !inject {\"to\": \"all\", \"channel\": \"chat\"}", "'subject' is missing"),
        ("1:00 !observe {\"objective\": \"ack\", \"rating\": \"Z\", \"text\": \"x\"}", "rating is P, S, M or U"),
        ("1:00 !observe {\"objective\": \"akc\", \"text\": \"x\"}", "unknown objective 'akc'; did you mean 'ack'?"),
        ("1:00 !fly", "unknown step '!fly'"),
        ("1:00 !end soon", "'!end' takes a reason"),
        ("1:00 !inject not json", "the JSON cannot be read"),
        ("!pause", "needs a time before it"),
        ("1:00 !survey {\"question\": 9, \"score\": 3}", "no survey question 9"),
    ])
    func badStepsAreExplained(line: String, fragment: String) {
        guard case .failure(let error) = ReplayScript.parse(line, for: scenario) else {
            Issue.record("'\(line)' should be refused")
            return
        }
        #expect(error.problems.first?.message.contains(fragment) == true, "\(error.problems)")
        #expect(error.problems.first?.line == 1)
    }

    @Test("steps that the drill's state does not allow stop the replay with the line")
    func stateErrors() throws {
        let script = try ReplayScript.parse("1:00 !pause\n2:00 ops ack\n", for: scenario).get()
        #expect(throws: EngineError.self) { try script.play(scenario) }
        do {
            _ = try script.play(scenario)
        } catch {
            #expect("\(error)".contains("line 2:"))
        }
    }

    @Test func clockTimesWithMilliseconds() {
        #expect(DrillTime(clockText: "1:15.250") == DrillTime(milliseconds: 75_250))
        #expect(DrillTime(clockText: "1:02:03.5") == DrillTime(milliseconds: 3_723_500))
        #expect(DrillTime(clockText: "1:15.2500") == nil)
        #expect(DrillTime(clockText: "1:15.") == nil)
        #expect(DrillTime(clockText: "15.5") == nil)
    }
}

extension Result where Success == ReplayScript, Failure == ScriptError {
    var failureMessages: [String] {
        if case .failure(let error) = self { return error.problems.map(\.message) }
        return []
    }
}
