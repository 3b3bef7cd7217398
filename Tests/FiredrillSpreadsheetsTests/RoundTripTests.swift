import FiredrillCore
import FiredrillScenarios
import FiredrillYAML
import Foundation
import Testing
@testable import FiredrillSpreadsheets

/// `msel export` then `msel import` gives the same validated scenario, for every bundled
/// scenario, with English and with Japanese headers; a CSV file keeps the injects.
@Suite("Round trip")
struct RoundTripTests {
    static let scenarios: [String] = BundledScenarios.all().map(\.name).sorted()

    static func load(_ name: String) throws -> Scenario {
        let entry = try #require(BundledScenarios.named(name))
        let loaded = ScenarioLoader().load(path: entry.path)
        return try #require(loaded.scenario, "\(name): \(loaded.formattedDiagnostics)")
    }

    @Test("the library is there to go round", arguments: [0])
    func libraryIsThere(_: Int) {
        #expect(Self.scenarios.count >= 24, "\(Self.scenarios)")
    }

    @Test("XLSX keeps the whole scenario", arguments: scenarios, Language.allCases)
    func workbook(_ name: String, language: Language) throws {
        let scenario = try Self.load(name)
        let exported = try MSELExport.write(scenario, format: .xlsx, language: language)
        #expect(exported.warnings == [])
        let imported = MSELImport.read(exported.data, fileName: "\(name).xlsx")
        #expect(imported.formattedProblems == [])
        let back = try #require(imported.scenario)
        #expect(back == scenario)
        if back != scenario { Self.explainDifference(scenario, back) }
        // The YAML it prints loads as the same scenario too.
        let yaml = try #require(imported.yaml)
        #expect(ScenarioLoader().load(data: Data(yaml.utf8), path: "\(name).yaml").scenario == scenario)
    }

    @Test("role cards and the quiz go round too: cards one per line, answers counted from 1 in the sheet", arguments: Language.allCases)
    func cardsAndQuiz(language: Language) throws {
        var scenario = try Self.load("newsletter-brochure-leak-ja")
        scenario.roles[0].responsibilities = ["顧客対応の一次窓口になる", "30 分以内に上長へ報告する, 必ず電話で"]
        scenario.quiz = [
            QuizQuestion(id: "q1", question: "誰が判断しますか", choices: ["担当者", "上長", "法務"], answers: [1], explanation: "上長です。"),
            QuizQuestion(id: "q2", question: "二つ選んでください", choices: ["A, 注意", "B", "C"], answers: [0, 2]),
        ]
        let exported = try MSELExport.write(scenario, format: .xlsx, language: language)
        #expect(exported.warnings == [])
        let imported = MSELImport.read(exported.data, fileName: "cards.xlsx")
        #expect(imported.formattedProblems == [])
        let back = try #require(imported.scenario)
        #expect(back.roles[0].responsibilities == scenario.roles[0].responsibilities)
        #expect(back.quiz == scenario.quiz)
        #expect(back == scenario)
    }

    @Test("CSV keeps every inject", arguments: scenarios, Language.allCases)
    func csv(_ name: String, language: Language) throws {
        let original = try Self.load(name)
        // What a CSV file can carry: injects whose conditions name injects only (it has no objectives).
        let scenario = Self.csvCarriable(original)
        let exported = try MSELExport.write(scenario, format: .csv, language: language)
        let imported = MSELImport.read(exported.data, fileName: "\(name).csv")
        #expect(imported.problems.filter(\.isError).map { $0.formatted(file: "\(name).csv") } == [])
        let back = try #require(imported.scenario)
        #expect(back.injects == scenario.injects)
        #expect(back.injects.count == scenario.injects.count)
        // The roles are the ids `to` names; the objectives, one to acknowledge the first inject.
        let named = Set(scenario.injects.flatMap { inject -> [String] in
            if case .roles(let ids) = inject.to { return ids } else { return [] }
        })
        #expect(Set(back.roles.map(\.id)) == named.union(named.isEmpty ? ["player"] : []))
        #expect(back.objectives.map(\.id) == ["acknowledge-first-inject"])
        #expect(back.language == (language == .japanese ? "ja" : "en"))
    }

    /// The scenario less what a CSV file cannot carry: `met(…)` conditions (no objectives
    /// there), and recipients that are personas only (their persona is not in the file).
    static func csvCarriable(_ scenario: Scenario) -> Scenario {
        var copy = scenario
        copy.injects = scenario.injects.map { inject in
            var inject = inject
            if case .when(let condition, _) = inject.trigger, condition.atoms.contains(where: { if case .met = $0 { true } else { false } }) {
                inject.trigger = .at(.zero)
            }
            if let guardCondition = inject.guardCondition, guardCondition.atoms.contains(where: { if case .met = $0 { true } else { false } }) {
                inject.guardCondition = nil
            }
            return inject
        }
        return copy
    }

    static func explainDifference(_ a: Scenario, _ b: Scenario) {
        if a.id != b.id || a.title != b.title { Issue.record("id/title: \(a.id) \(a.title) vs \(b.id) \(b.title)") }
        if a.summary != b.summary { Issue.record("summary: \(String(describing: a.summary)) vs \(String(describing: b.summary))") }
        if a.briefing != b.briefing { Issue.record("briefing differs") }
        if a.language != b.language || a.tags != b.tags || a.duration != b.duration || a.channels != b.channels {
            Issue.record("language/tags/duration/channels: \(a.language) \(a.tags) \(a.duration) \(a.channels) vs \(b.language) \(b.tags) \(b.duration) \(b.channels)")
        }
        for (x, y) in zip(a.roles, b.roles) where x != y { Issue.record("role \(x) vs \(y)") }
        for (x, y) in zip(a.injects, b.injects) where x != y { Issue.record("inject \(x) vs \(y)") }
        for (x, y) in zip(a.objectives, b.objectives) where x != y { Issue.record("objective \(x) vs \(y)") }
        if a.survey != b.survey { Issue.record("survey \(a.survey) vs \(b.survey)") }
        if a.roles.count != b.roles.count || a.injects.count != b.injects.count || a.objectives.count != b.objectives.count {
            Issue.record("counts differ")
        }
    }
}
