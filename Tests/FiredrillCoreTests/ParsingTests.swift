import Testing
@testable import FiredrillCore

@Suite("Durations and clock times")
struct DrillTimeTests {
    @Test(arguments: [
        ("90s", 90), ("5m", 300), ("1h", 3600), ("1h30m", 5400), ("2m30s", 150), ("0s", 0), ("45", 45),
        ("1h0m5s", 3605),
    ] as [(String, Int64)])
    func parsesContractDurations(text: String, seconds: Int64) {
        #expect(DrillTime(durationText: text) == .seconds(seconds))
    }

    @Test(arguments: ["", "m", "5x", "1m1h", "5m5m", "-5s", "1.5m", " 5m", "99999999999999999999s", "31d"])
    func rejectsMalformedDurations(text: String) {
        #expect(DrillTime(durationText: text) == nil)
    }

    @Test("Japanese durations as people type them", arguments: [
        ("20分", 1200), ("1時間30分", 5400), ("90秒", 90), ("1時間", 3600), ("2分30秒", 150), ("1時間半", 5400),
        ("1分半", 90), ("20分半", 1230), ("２０分", 1200), ("1時間 30分", 5400), ("1時間　30分", 5400), ("1h30分", 5400),
    ] as [(String, Int64)])
    func parsesJapaneseDurations(text: String, seconds: Int64) {
        #expect(DrillTime(durationText: text) == .seconds(seconds))
    }

    @Test(arguments: ["分", "20 分", "30分1時間", "5分5分", "１.５分", "20分間", "約20分", " 20分", "二十分", "1時間半30分",
                      String(repeating: "1時間", count: 40)])
    func rejectsMalformedJapaneseDurations(text: String) {
        #expect(DrillTime(durationText: text) == nil)
    }

    @Test(arguments: [("05:30", 330), ("1:02:03", 3723), ("90s", 90), ("5m", 300), ("0:00", 0)] as [(String, Int64)])
    func parsesScriptTimes(text: String, seconds: Int64) {
        #expect(DrillTime(clockText: text) == .seconds(seconds))
    }

    @Test(arguments: ["5:60", "1:2:03", "a:00", "1:00:00:00", ":30"])
    func rejectsMalformedScriptTimes(text: String) {
        #expect(DrillTime(clockText: text) == nil)
    }

    @Test func describesTimes() {
        #expect(DrillTime.seconds(75).description == "1:15")
        #expect(DrillTime.seconds(3723).description == "1:02:03")
        #expect(DrillTime(milliseconds: 1_500).description == "0:01.500")
        #expect(DrillTime(milliseconds: 61_999).wholeSecondsDescription == "1:01")
    }
}

@Suite("Conditions")
struct ConditionTests {
    @Test func parsesWithPrecedenceNotOverAndOverOr() throws {
        let condition = try ConditionParser.parse("met(a) or not delivered(b) and met(c)").get()
        #expect(condition == .or(.met("a"), .and(.not(.delivered("b")), .met("c"))))
        let grouped = try ConditionParser.parse("(met(a) or delivered(b)) and not (met(c))").get()
        #expect(grouped == .and(.or(.met("a"), .delivered("b")), .not(.met("c"))))
        #expect(try ConditionParser.parse("met( a )").get() == .met("a"))
    }

    @Test(arguments: [
        ("", "empty"), ("met(a", "expected ')'"), ("met a", "expected '('"), ("met(a) met(b)", "join conditions"),
        ("mett(a)", "did you mean 'met'"), ("(met(a)", "missing ')'"), ("not", "ends early"), ("met()", "needs an id"),
    ])
    func reportsSyntaxErrors(text: String, fragment: String) {
        guard case .failure(let error) = ConditionParser.parse(text) else {
            Issue.record("'\(text)' should not parse")
            return
        }
        #expect(error.message.contains(fragment), "\(error.message)")
    }

    @Test func rejectsHostileNesting() {
        let deep = String(repeating: "(", count: 10_000) + "met(a)" + String(repeating: ")", count: 10_000)
        guard case .failure(let error) = ConditionParser.parse(deep) else { Issue.record("should fail"); return }
        #expect(error.message.contains("longer than") || error.message.contains("nested"))
        let notChain = String(repeating: "not ", count: 100) + "met(a)"
        guard case .failure = ConditionParser.parse(notChain) else { Issue.record("should fail"); return }
    }

    @Test func evaluates() {
        let condition = Condition.and(.met("a"), .not(.delivered("b")))
        #expect(condition.holds(isMet: { $0 == "a" }, isDelivered: { _ in false }))
        #expect(!condition.holds(isMet: { $0 == "a" }, isDelivered: { $0 == "b" }))
        #expect(condition.description == "met(a) and not delivered(b)")
    }
}

@Suite("Action commands and replay scripts")
struct ScriptTests {
    let scenario = Fixtures.certificate()

    @Test func parsesTheVocabulary() throws {
        func parse(_ text: String) throws -> PlayerAction { try ActionCommand.parse(text, role: "ops", in: scenario).get() }
        #expect(try parse("ack") == PlayerAction(role: "ops", kind: .acknowledge))
        #expect(try parse("escalate boss") == PlayerAction(role: "ops", kind: .escalate, target: "boss", channel: "chat"))
        #expect(try parse("escalate boss via phone it is down") ==
                PlayerAction(role: "ops", kind: .escalate, text: "it is down", target: "boss", channel: "phone"))
        #expect(try parse("escalate boss viable plan") ==
                PlayerAction(role: "ops", kind: .escalate, text: "viable plan", target: "boss", channel: "chat"))
        #expect(try parse("do  restart   nginx ") == PlayerAction(role: "ops", kind: .action, text: "restart   nginx"))
        #expect(try parse("say hello").kind == .communicate)
        #expect(try parse("report filed").kind == .report)
        #expect(try parse("resolve").kind == .resolve)
        // The kinds' names work as command words too, and full-width input as typed in Japanese.
        #expect(try parse("acknowledge seen").kind == .acknowledge)
        #expect(try parse("ａｃｋ　見ました") == PlayerAction(role: "ops", kind: .acknowledge, text: "見ました"))
    }

    /// Roles as people write them: `firmware lead`, `Firmware-Lead`, a name, `to …`.
    let routing = Scenario(
        id: "routing", title: "Routing", duration: .seconds(3600),
        roles: [
            Role(id: "support-desk", name: "Support desk"),
            Role(id: "firmware-eng", name: "Firmware engineer"),
            Role(id: "firmware-lead", name: "Priya Nair", persona: Persona(channels: ["pager", "phone"], reply: "on it")),
            Role(id: "supervisor", name: "山本部長", persona: Persona(channels: ["phone"], reply: "はい")),
            Role(id: "team-a", name: "Duty team"),
            Role(id: "team-b", name: "Duty team"),
        ],
        injects: [Inject(id: "i", to: .all, channel: "chat", subject: "s", trigger: .at(.zero))],
        objectives: [Objective(id: "o", kind: .acknowledge, target: .seconds(60))]
    )

    @Test(arguments: [
        ("escalate firmware lead via pager unlock fails", "firmware-lead", "pager", "unlock fails"),
        ("ESCALATE Firmware-Lead VIA Pager unlock fails", "firmware-lead", "pager", "unlock fails"),
        ("escalate to firmware lead via phone now", "firmware-lead", "phone", "now"),
        ("escalate Priya Nair via pager", "firmware-lead", "pager", ""),
        ("escalate 山本部長 via phone 至急です", "supervisor", "phone", "至急です"),
        ("escalate firmware eng check 4.2.0", "firmware-eng", "chat", "check 4.2.0"),
        ("escalate firmware-lead viable theory", "firmware-lead", "chat", "viable theory"),
        ("escalate firmware-lead via pager: unlock fails", "firmware-lead", "pager", "unlock fails"),
        ("escalate supervisor via phone：至急です", "supervisor", "phone", "至急です"),
    ])
    func findsRolesAsPeopleWriteThem(command: String, target: String, channel: String, text: String) throws {
        let action = try ActionCommand.parse(command, role: "support-desk", in: routing).get()
        #expect(action.target == target && action.channel == channel && action.text == text, "\(action)")
    }

    /// Found by the fuzzer: spaces and combining marks mixed (" \u{20DF}" is one character
    /// that starts with a space) crashed the trimming of a command.
    @Test(arguments: [
        " \u{205F}\t\t\t\u{205F}\u{205F}\t \u{20DF} ",
        "act \u{20DF} ",
        "say \u{3000} \u{0301}\u{3000}",
        "ack \u{0600} ",
    ])
    func commandsMixingSpacesAndCombiningMarksDoNotCrash(command: String) {
        switch ActionCommand.parse(command, role: "support-desk", in: routing) {
        case .success(let action):
            #expect(action.text.unicodeScalars.first.map { !$0.properties.isWhitespace } ?? true)
            #expect(action.text.unicodeScalars.last.map { !$0.properties.isWhitespace } ?? true)
        case .failure(let error):
            #expect(!error.message.isEmpty)
        }
    }

    @Test(arguments: [
        ("escalate supervisor vai phone call me", "did you mean 'via phone'? Nothing was sent"),
        ("escalate supervisor bia phnoe", "did you mean 'via phone'?"),
        ("escalate duty team now", "'duty team' could mean 'team-a' or 'team-b'"),
        ("escalate firmware leed via pager", "unknown role 'firmware'"),
    ])
    func asksBackInsteadOfGuessing(command: String, fragment: String) {
        guard case .failure(let error) = ActionCommand.parse(command, role: "support-desk", in: routing) else {
            Issue.record("'\(command)' should be asked back")
            return
        }
        #expect(error.message.contains(fragment), "\(error.message)")
    }

    @Test(arguments: [
        ("acknowlege", "did you mean 'ack'"), ("escalte boss", "did you mean 'escalate'"), ("do", "needs text"),
        ("escalate", "needs a role"), ("escalate bos", "did you mean 'boss'"), ("escalate boss via", "needs a channel"),
        ("escalate boss via fax", "unknown channel"), ("escalate ops", "itself"), ("", "empty command"),
    ])
    func explainsBadCommands(text: String, fragment: String) {
        guard case .failure(let error) = ActionCommand.parse(text, role: "ops", in: scenario) else {
            Issue.record("'\(text)' should be rejected")
            return
        }
        #expect(error.message.contains(fragment), "\(error.message)")
    }

    @Test func parsesScriptsWithCommentsAndBlankLines() throws {
        let text = """
        # warm-up
        01:30 ops ack seen   # trailing comment

        5m ops escalate boss via phone
        0:20:00 sec do renew certificate\r
        """
        let script = try ReplayScript.parse(text, for: scenario).get()
        #expect(script.entries.map(\.line) == [2, 4, 5])
        #expect(script.entries.map(\.time) == [.seconds(90), .seconds(300), .seconds(1200)])
        #expect(script.entries[0].action?.text == "seen")
        #expect(script.entries[2].action == PlayerAction(role: "sec", kind: .action, text: "renew certificate"))
    }

    @Test func reportsEveryBadLineWithItsNumber() {
        let text = """
        01:00 ops ack
        00:30 ops ack
        xx ops ack
        02:00 boss ack
        03:00 nobody ack
        04:00 ops dance
        31:00 ops ack
        """
        guard case .failure(let error) = ReplayScript.parse(text, for: scenario) else {
            Issue.record("script should be rejected")
            return
        }
        #expect(error.problems.map(\.line) == [2, 3, 4, 5, 6, 7])
        let formatted = error.formatted(path: "drill.script")
        #expect(formatted.contains("drill.script:2: time 0:30 is earlier"))
        #expect(formatted.contains("drill.script:4: role 'boss' is simulated"))
        #expect(formatted.contains("drill.script:7: time 31:00 is after the end"))
    }

    @Test func playingAScriptIsDeterministic() throws {
        let script = try ReplayScript.parse("1:30 ops ack\n11:00 ops escalate boss via phone\n20:00 ops do renew", for: scenario).get()
        let first = try script.play(scenario)
        let second = try script.play(scenario)
        #expect(first.events == second.events)
        #expect(DrillReport(scenario: scenario, events: first.events, mode: .replay).score == 70)
    }
}

@Suite("Scoring")
struct ScoringTests {
    @Test func creditFallsLinearlyBetweenTargetAndLimit() {
        let target = DrillTime.seconds(600), limit = DrillTime.seconds(1200)
        #expect(Scoring.credit(elapsed: .seconds(0), target: target, limit: limit) == 1)
        #expect(Scoring.credit(elapsed: .seconds(600), target: target, limit: limit) == 1)
        #expect(Scoring.credit(elapsed: .seconds(780), target: target, limit: limit) == 0.7)
        #expect(Scoring.credit(elapsed: .seconds(1200), target: target, limit: limit) == 0)
        #expect(Scoring.credit(elapsed: .seconds(5000), target: target, limit: limit) == 0)
    }

    @Test func ratingsFollowHSEEPThresholds() {
        #expect(Scoring.rating(for: 1) == .performed)
        #expect(Scoring.rating(for: 0.5) == .someChallenges)
        #expect(Scoring.rating(for: 0.4999) == .majorChallenges)
        #expect(Scoring.rating(for: 0.0001) == .majorChallenges)
        #expect(Scoring.rating(for: 0) == .unable)
    }

    @Test func scoreIsWeightedAndRoundedToOneDecimal() {
        #expect(Scoring.score([(2, 0.7), (1, 1), (1, 0)]) == 60)
        #expect(Scoring.score([(1, 1), (1, 1), (1, 0)]) == 66.7)
        #expect(Scoring.score([(3, 0.25)]) == 25)
        #expect(Scoring.score([]) == nil)
    }
}

/// What people type is recorded as they typed it; only recognising the command reads it in
/// half-width form.
@Suite("Verbatim text")
struct VerbatimTextTests {
    @Test("full-width punctuation and letters in an action's text are stored as typed", arguments: [
        ("ｓａｙ　確認中です：詳細は追って（本日中）？", "確認中です：詳細は追って（本日中）？"),
        ("escalate boss via phone：至急（ＰＤＦの件）", "至急（ＰＤＦの件）"),
        ("ｄｏ ＰＤＦを差し替え！", "ＰＤＦを差し替え！"),
    ])
    func fullWidthIsKept(command: String, text: String) throws {
        let action = try ActionCommand.parse(command, role: "ops", in: Fixtures.certificate()).get()
        #expect(action.text == text)
    }

    @Test("a survey comment keeps its full-width characters; the score is read in either width")
    func surveyComments() throws {
        let answer = try #require(SurveyAnswer.parse("４　分かりやすかった（ＰＤＦ）！", question: 0, kind: .scale, participant: "p"))
        #expect(answer.score == 4 && answer.comment == "分かりやすかった（ＰＤＦ）！")
    }
}
