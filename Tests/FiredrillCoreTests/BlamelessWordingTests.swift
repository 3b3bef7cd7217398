import Testing
@testable import FiredrillCore

/// The blameless-wording check: person-focused blame is flagged in English and Japanese,
/// process-focused text is not, and findings never carry a participant's name.
@Suite("Blameless wording")
struct BlamelessWordingTests {
    func rules(_ text: String, names: [String] = [], language: Language = .english) -> [BlamelessWording.Rule] {
        BlamelessWording.check(text, participantNames: names, language: language).map(\.rule)
    }

    @Test("English: names, someone's mistake, character judgements, hindsight and 'human error' are flagged", arguments: [
        ("Sam's mistake delayed the escalation.", BlamelessWording.Rule.personalFault),
        ("It was her fault that the pager was off.", .personalFault),
        ("The operator was careless with the file.", .characterJudgement),
        ("Carelessness on the release day.", .characterJudgement),
        ("The on-call engineer should have called the supervisor.", .hindsight),
        ("We should've rolled back at once.", .hindsight),
        ("Root cause: human error.", .humanError),
        ("He forgot to update the status page.", .characterJudgement),
    ])
    func englishBlame(text: String, rule: BlamelessWording.Rule) {
        #expect(rules(text).contains(rule), "\(text)")
    }

    @Test("Japanese: 〜さんのミス, 不注意, 〜のせい, 〜すべきだった and ヒューマンエラー are flagged", arguments: [
        ("田中さんのミスで誤った版が配信された。", BlamelessWording.Rule.personalFault),
        ("入稿担当の不注意が原因。", .characterJudgement),
        ("営業のせいで連絡が遅れた", .personalFault),
        ("もっと早く電話すべきだった。", .hindsight),
        ("確認不足による誤配信", .characterJudgement),
        ("原因はヒューマンエラーです", .humanError),
        ("ちゃんと確認していれば防げた", .hindsight),
    ])
    func japaneseBlame(text: String, rule: BlamelessWording.Rule) {
        #expect(rules(text, language: .japanese).contains(rule), "\(text)")
    }

    @Test("process-focused and denied wording is not flagged", arguments: [
        "The runbook does not say to call when chat goes unanswered.",
        "It was nobody's fault: the two files had the same name.",
        "The engineer was not careless; the checklist had no such step.",
        "Add a checksum comparison to the pre-send checklist.",
        "個人の不注意ではなく手順の問題として扱う。",
        "配信前チェックリストにリンク先の照合手順がなかった。",
        "対応の責任者を手順書に明記する。",
        "Error budget and the carefully written runbook.",
    ])
    func notFlagged(text: String) {
        #expect(rules(text, language: .japanese).isEmpty, "\(text)")
    }

    @Test("a participant's name is flagged and never appears in a finding; parts of names count, words containing them do not")
    func names() {
        let findings = BlamelessWording.check(
            "Priya's mistake: she missed the page. Ask Priyanka.", participantNames: ["Priya Raman"], language: .english
        )
        #expect(findings.map(\.rule).contains(.participantName))
        #expect(findings.map(\.rule).contains(.personalFault))
        #expect(findings.allSatisfy { !$0.matched.contains("Priya") && !$0.passage.contains("Priya ") && !$0.passage.hasPrefix("Priya") })
        #expect(findings.contains { $0.passage.hasPrefix("[participant]'s mistake") })
        // "Priyanka" is another word; a name shorter than three letters is never looked for.
        #expect(BlamelessWording.check("Ask Priyanka. Al was there.", participantNames: ["Priya", "Al"]).isEmpty)

        let japanese = BlamelessWording.check("田中さんが電話した。", participantNames: ["田中 一郎"], language: .japanese)
        #expect(japanese.map(\.rule) == [.participantName])
        #expect(japanese.first?.passage == "［参加者］さんが電話した。")
        #expect(BlamelessWording.masking("Call Priya Raman or Raman.", participantNames: ["Priya Raman"], language: .english)
            == "Call [participant] or [participant].")
    }

    @Test("Japanese names are masked alone or addressed, written with or without a space; words that only contain them are not")
    func japaneseNames() {
        func mask(_ text: String, _ name: String) -> String {
            BlamelessWording.masking(text, participantNames: [name], language: .japanese)
        }
        // Spaced: family and given names alone, with any form of address.
        #expect(mask("田中が電話し、一郎くんと田中様と田中氏に伝えた。", "田中 一郎") == "［参加者］が電話し、［参加者］くんと［参加者］様と［参加者］氏に伝えた。")
        // Unspaced: the whole name, and its likely parts when addressed.
        #expect(mask("田中一郎さん、田中さん、一郎くん、田中部長", "田中一郎") == "［参加者］さん、［参加者］さん、［参加者］くん、［参加者］部長")
        #expect(mask("佐々木健太郎様と健太郎さん", "佐々木健太郎") == "［参加者］様と［参加者］さん")
        // A guessed part not addressed is left: 「田中」 in 「田中央駅」 may be a place.
        #expect(mask("田中央駅で待つ", "田中一郎") == "田中央駅で待つ")
        // The check reports the addressed name as a participant's name.
        #expect(BlamelessWording.check("田中さんが遅れた。", participantNames: ["田中一郎"], language: .japanese).map(\.rule) == [.participantName])
    }

    @Test("the passage is the sentence around the phrase")
    func passages() {
        let findings = BlamelessWording.check("Chat was used first. Then Sam's mistake happened. Later all was fine.")
        #expect(findings.map(\.passage) == ["Then Sam's mistake happened."])
        #expect(findings.map(\.matched) == ["Sam's mistake"])
    }

    @Test("every rule explains itself and suggests a wording, in English and Japanese")
    func explanations() {
        for rule in BlamelessWording.Rule.allCases {
            for language in Language.allCases {
                #expect(!rule.why(in: language).isEmpty && !rule.suggestion(in: language).isEmpty)
            }
            #expect(rule.why(in: .japanese) != rule.why(in: .english))
        }
    }

    @Test("a report reviews observations, survey answers and corrective actions, and replaces names in every text of the drill")
    func reportReview() throws {
        let scenario = Scenario(
            id: "review", title: "Review", duration: .seconds(600),
            roles: [Role(id: "ops", name: "Ops")],
            injects: [Inject(id: "a", to: .all, channel: "chat", subject: "Alert", trigger: .at(.seconds(10)))],
            objectives: [Objective(id: "ack", kind: .acknowledge, target: .seconds(60))],
            survey: [SurveyQuestion("What went well?", kind: .text)]
        )
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        _ = try engine.observe(Observation(objective: "ack", rating: .someChallenges, text: "Priya should have acknowledged sooner."), at: .seconds(100))
        _ = try engine.perform(PlayerAction(role: "ops", kind: .communicate, text: "Raman, please call the vendor"), at: .seconds(120))
        _ = try engine.deliver(AdlibInject(to: .all, channel: "chat", from: "CTO", subject: "Where is Priya?", body: "Priya, status?"), at: .seconds(130))
        engine.end(at: .seconds(600), reason: .completed)
        _ = try engine.answerSurvey(SurveyAnswer(participant: "p-1", question: 0, comment: "The careless upload."))
        var report = DrillReport(scenario: scenario, events: engine.events, mode: .replay)
        // Without names: the phrases are found, the texts stay as written.
        #expect(report.blamelessFindings.map(\.rule) == [.hindsight, .characterJudgement])
        #expect(report.blamelessFindings.map(\.source) == [.observation, .survey])
        #expect(report.observations[0].text.contains("Priya"))

        report.record = DrillReport.RecordInfo(
            runID: "r-1", startedAt: nil, endedAt: nil, speed: nil, scenarioSHA256: "", chainHead: nil, status: "finished",
            participants: [], correctiveActions: [.init(
                id: 7, objective: "ack", issue: "Raman's fault", correctiveAction: "Add a second check", capability: "Planning",
                responsibleOrg: "IT", responsibleRole: nil, startDate: nil, dueDate: nil, status: "open", closingEvidence: nil,
                closedAt: nil, overdue: false
            )]
        )
        report.reviewWording(participantNames: ["Priya Raman"])
        #expect(report.blamelessFindings.contains { $0.source == .correctiveAction && $0.index == 7 && $0.field == "issue" && $0.rule == .personalFault })
        #expect(report.blamelessFindings.contains { $0.source == .observation && $0.rule == .participantName })
        #expect(report.observations[0].text == "[participant] should have acknowledged sooner.")
        #expect(report.timeline.first { $0.type == "observation" }?.text == "[participant] should have acknowledged sooner.")
        #expect(report.record?.correctiveActions[0].issue == "[participant]'s fault")
        // What was written during the drill too: messages and ad-lib injects.
        #expect(report.timeline.first { $0.type == "action" }?.text == "[participant], please call the vendor")
        #expect(report.timeline.first { $0.subject == "Where is [participant]?" }?.body == "[participant], status?")
        #expect(report.injects.contains { $0.subject == "Where is [participant]?" })
        #expect(report.blamelessFindings.allSatisfy { !$0.passage.contains("Priya") && !$0.passage.contains("Raman") })
    }
}
