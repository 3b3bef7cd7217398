import FiredrillCore
import FiredrillTestSupport
import Foundation
@testable import FiredrillReporting

/// Reports to render: small drills built in code, in English and Japanese, recorded or not,
/// complete or ended early, with hostile text.
enum ReportFixtures {
    /// One acknowledgement at 1:30; nothing else happens in a 10-minute drill.
    static func tiny() throws -> DrillReport {
        let scenario = Scenario(
            id: "tiny", title: "Tiny | drill", duration: .seconds(600),
            roles: [Role(id: "ops", name: "Ops", department: "IT"), Role(id: "cto", name: "CTO", persona: Persona(reply: "ok"))],
            injects: [
                Inject(id: "a", to: .all, channel: "chat", subject: "Alert", trigger: .at(.seconds(60))),
                Inject(id: "b", to: .all, channel: "chat", subject: "Never", trigger: .when(.met("esc"), delay: .zero)),
            ],
            objectives: [
                Objective(id: "ack", kind: .acknowledge, from: "a", target: .seconds(60)),
                Objective(id: "esc", kind: .escalate, target: .seconds(120), to: "cto"),
            ]
        )
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        _ = try engine.perform(PlayerAction(role: "ops", kind: .acknowledge, text: "on it"), at: .seconds(90))
        engine.end(at: .seconds(600), reason: .completed)
        return DrillReport(scenario: scenario, events: engine.events, mode: .replay)
    }

    static let japaneseScenario = Scenario(
        id: "leak-ja", title: "パンフレットからの情報漏えい", summary: "誤った版の PDF が配信された。\n上長はチャットを見ない。",
        language: "ja", tags: ["情報漏えい"], duration: .seconds(1800),
        roles: [
            Role(id: "promotion", name: "プロモーション担当", department: "プロモーション部"),
            Role(id: "planning", name: "商品企画担当", department: "商品企画部"),
            Role(id: "boss", name: "上長（山本部長）", department: "プロモーション部", persona: Persona(channels: ["phone"], delay: .seconds(120), reply: "了解。差し替えて。")),
        ],
        injects: [
            Inject(id: "noticed", to: .roles(["promotion"]), channel: "chat", subject: "PDF に未発表の提携が載っています", trigger: .at(.seconds(60)), expect: "上長に電話で報告する。"),
            Inject(id: "angry", to: .all, channel: "email", subject: "【至急】抗議", trigger: .at(.seconds(900)), guardCondition: .not(.met("escalate"))),
        ],
        objectives: [
            Objective(id: "ack", name: "受領を表明する", kind: .acknowledge, from: "noticed", target: .seconds(120)),
            Objective(id: "escalate", name: "上長に電話で報告する", kind: .escalate, from: "noticed", target: .seconds(300), limit: .seconds(900), weight: 2, to: "boss", via: ["phone"]),
            Objective(id: "replace", name: "PDF を差し替える", kind: .action, target: .seconds(900), match: ["差し替え"]),
            Objective(id: "report", name: "報告書を書く", kind: .report, target: .seconds(1500), limit: .seconds(1700)),
        ],
        survey: [
            SurveyQuestion("報告先は明確でしたか？"),
            SurveyQuestion("振り返り：うまくいった点は？", kind: .text),
        ]
    )

    /// A Japanese drill: quick acknowledgement, a late phone escalation, the file replaced,
    /// no report; observations and survey answers, one of them worded against a person.
    static func japaneseEngine(endingAt end: DrillTime = .seconds(1800), reason: DrillEvent.EndReason = .completed) throws -> DrillEngine {
        var engine = DrillEngine(scenario: japaneseScenario)
        engine.start()
        _ = try engine.perform(PlayerAction(role: "promotion", kind: .acknowledge, text: "確認しました"), at: .seconds(100))
        _ = try engine.perform(PlayerAction(role: "promotion", kind: .escalate, text: "部長、至急", target: "boss", channel: "chat"), at: .seconds(200))
        _ = try engine.observe(Observation(objective: "escalate", rating: .majorChallenges, text: "改善点：チャットで報告を繰り返した。", by: "evaluator-1"), at: .seconds(400))
        if end.seconds > 500 {
            _ = try engine.perform(PlayerAction(role: "planning", kind: .escalate, text: "お電話失礼します", target: "boss", channel: "phone"), at: .seconds(500))
        }
        if end.seconds > 700 {
            _ = try engine.perform(PlayerAction(role: "promotion", kind: .action, text: "PDF を差し替えました"), at: .seconds(700))
            _ = try engine.observe(Observation(objective: "replace", rating: .performed, text: "良かった点：差し替えが早かった。", by: "evaluator-1"), at: .seconds(720))
            _ = try engine.observe(Observation(text: "田中さんのミスで遅れた。", by: "evaluator-2"), at: .seconds(730))
        }
        engine.end(at: end, reason: reason)
        _ = try engine.answerSurvey(SurveyAnswer(participant: "p-1", question: 0, score: 4, comment: "電話と分かっていた"))
        _ = try engine.answerSurvey(SurveyAnswer(participant: "p-2", question: 0, score: 2))
        _ = try engine.answerSurvey(SurveyAnswer(participant: "p-1", question: 1, comment: "役割分担は良かった"))
        return engine
    }

    static let record = DrillReport.RecordInfo(
        runID: "r-20260101-000000-abcd", startedAt: "2026-01-10T04:12:00.000Z", endedAt: "2026-01-10T04:42:00.000Z", speed: 1,
        scenarioSHA256: String(repeating: "ab", count: 32), chainHead: String(repeating: "cd", count: 32), status: "finished",
        participants: [.init(role: "promotion", department: "プロモーション部"), .init(role: "planning", department: "商品企画部")],
        correctiveActions: [
            .init(id: 1, objective: "escalate", issue: "会議中の上長に連絡する手段が手順書にない", correctiveAction: "手順書に電話・対面への切り替え基準を追加する",
                  capability: "Planning", responsibleOrg: "プロモーション部", responsibleRole: "部長", startDate: "2026-01-11", dueDate: "2026-01-20",
                  status: "open", closingEvidence: nil, closedAt: nil, overdue: true),
            .init(id: 2, objective: "replace", issue: "似た版が並んで入稿されていた", correctiveAction: "入稿時に版のハッシュを照合する",
                  capability: "Equipment", responsibleOrg: "商品企画部", responsibleRole: nil, startDate: nil, dueDate: "2026-02-28",
                  status: "closed", closingEvidence: "手順書 v2.3", closedAt: "2026-02-01T09:00:00.000Z", overdue: false),
        ],
        verification: .init(intact: true, events: 42, problem: nil)
    )

    /// The Japanese drill, recorded (with an improvement plan), its texts reviewed against
    /// the participant 田中 一郎.
    static func japanese(endingAt end: DrillTime = .seconds(1800), reason: DrillEvent.EndReason = .completed) throws -> DrillReport {
        let engine = try japaneseEngine(endingAt: end, reason: reason)
        var report = DrillReport(scenario: japaneseScenario, events: engine.events, mode: .live, record: record)
        report.reviewWording(participantNames: ["田中 一郎"])
        return report
    }

    /// Markup and control characters in every text a scenario or a participant writes.
    static let hostileText = "<script>alert(1)</script> **bold** `code` [link](http://example.com) | pipe\n# heading\n- item & &lt;"

    static func hostile() throws -> DrillReport {
        let scenario = Scenario(
            id: "hostile", title: hostileText, summary: hostileText, duration: .seconds(600),
            roles: [Role(id: "ops", name: "Ops <b>", department: "IT | <i>"), Role(id: "boss", name: "Boss", persona: Persona(reply: hostileText))],
            injects: [Inject(id: "a", to: .all, channel: "chat", subject: "<img src=x onerror=alert(1)> | x", trigger: .at(.seconds(10)), expect: hostileText)],
            objectives: [
                Objective(id: "ack", name: "<svg onload=alert(1)>", kind: .acknowledge, from: "a", target: .seconds(60)),
                Objective(id: "esc", kind: .escalate, target: .seconds(120), to: "boss"),
            ],
            survey: [SurveyQuestion("Q <u>|</u>"), SurveyQuestion("Text?", kind: .text)]
        )
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        _ = try engine.perform(PlayerAction(role: "ops", kind: .acknowledge, text: hostileText), at: .seconds(20))
        _ = try engine.perform(PlayerAction(role: "ops", kind: .escalate, text: hostileText, target: "boss", channel: "chat"), at: .seconds(30))
        let oneLine = hostileText.replacingOccurrences(of: "\n", with: " ")
        _ = try engine.deliver(AdlibInject(to: .all, channel: "chat", from: "<CTO>", subject: oneLine, body: hostileText), at: .seconds(40))
        _ = try engine.observe(Observation(objective: "ack", rating: .performed, text: hostileText, by: "<evaluator>"), at: .seconds(50))
        engine.end(at: .seconds(600), reason: .completed)
        _ = try engine.answerSurvey(SurveyAnswer(participant: "p-1", question: 0, score: 3, comment: hostileText))
        _ = try engine.answerSurvey(SurveyAnswer(participant: "p-1", question: 1, comment: hostileText))
        var record = record
        record.correctiveActions = [.init(
            id: 9, objective: "ack", issue: hostileText, correctiveAction: hostileText, capability: "Planning", responsibleOrg: hostileText,
            responsibleRole: hostileText, startDate: nil, dueDate: nil, status: "closed", closingEvidence: hostileText,
            closedAt: "2026-01-01T00:00:00.000Z", overdue: false
        )]
        return DrillReport(scenario: scenario, events: engine.events, mode: .replay, record: record)
    }

    /// The rows of every Markdown table: each a list of lines.
    static func markdownTables(_ markdown: String) -> [[String]] {
        var tables: [[String]] = []
        var current: [String] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("|") {
                current.append(String(line))
            } else if !current.isEmpty {
                tables.append(current)
                current = []
            }
        }
        if !current.isEmpty { tables.append(current) }
        return tables
    }

    /// The cells of a Markdown table row (unescaped pipes split cells), trimmed.
    static func cells(_ row: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var escaped = false
        for character in row.dropFirst() {
            if escaped {
                cell.append(character)
                escaped = false
            } else if character == "\\" {
                cell.append(character)
                escaped = true
            } else if character == "|" {
                cells.append(cell.trimmingCharacters(in: .whitespaces))
                cell = ""
            } else {
                cell.append(character)
            }
        }
        return cells
    }

    /// What a reader of the page sees (see ``HTMLText``).
    static func visibleText(_ html: String) -> String { HTMLText.visible(html) }
}
