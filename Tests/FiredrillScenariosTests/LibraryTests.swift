import FiredrillCore
import Foundation
import Testing
import FiredrillScenarios
@testable import FiredrillYAML

/// The scenario library: every bundled drill, in English and Japanese, validates, meets the
/// realism rules, and its replay script plays a believable team to the score it states.
@Suite("Scenario library")
struct LibraryTests {
    /// The library as the binary finds it (its resources), which is `scenarios/` in the source tree.
    static let directory = BundledScenarios.directory ?? URL(fileURLWithPath: "/nonexistent")

    /// File names without `.yaml`.
    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Drill ids: the English files.
    static var drills: [String] { names.filter { !$0.hasSuffix("-ja") } }

    static func load(_ name: String) throws -> Scenario {
        let loaded = ScenarioLoader().load(path: directory.appendingPathComponent(name + ".yaml").path)
        #expect(loaded.formattedDiagnostics == [], "\(name)")
        return try #require(loaded.scenario, "\(name)")
    }

    @Test("the library is found as the binary finds it, by name too")
    func foundByName() throws {
        #expect(BundledScenarios.directory != nil)
        let entry = try #require(BundledScenarios.named("newsletter-brochure-leak-ja.yaml"))
        #expect(entry.name == "newsletter-brochure-leak-ja" && entry.scriptPath != nil)
        #expect(Set(BundledScenarios.all().map(\.name)) == Set(Self.names) && !Self.names.isEmpty)
        #expect(BundledScenarios.named("no-such-drill") == nil)
    }

    @Test func atLeastTwelveDrillsEachInEnglishAndJapanese() {
        #expect(Self.drills.count >= 12, "\(Self.drills)")
        for drill in Self.drills { #expect(Self.names.contains(drill + "-ja"), "\(drill) has no Japanese version") }
        for name in Self.names where name.hasSuffix("-ja") { #expect(Self.names.contains(String(name.dropLast(3))), "\(name) has no English version") }
    }

    @Test("the library covers the incident types organisations drill")
    func coverage() throws {
        let tags = Set(try Self.drills.flatMap { try Self.load($0).tags.map { $0.lowercased() } })
        for required in ["hardware", "firmware", "mobile-app", "cloud", "email", "personal-data", "ransomware", "phishing", "credential-leak", "provider-outage", "human-error"] {
            #expect(tags.contains(required), "no drill is tagged \(required); tags: \(tags.sorted())")
        }
    }

    @Test("the same customer symptom with different true causes, scored on routing to different leads")
    func sameSymptomDifferentCauses() throws {
        let family = ["smart-lock-firmware-auth", "smart-lock-mechanical-latch", "smart-lock-app-release"]
        var targets: Set<String> = []
        for drill in family {
            let scenario = try Self.load(drill)
            let escalation = try #require(scenario.objectives.filter { $0.kind == .escalate }.max { $0.weight < $1.weight }, "\(drill)")
            targets.insert(try #require(escalation.to))
        }
        #expect(targets.count == family.count, "each cause routes to its own lead: \(targets)")
    }

    @Test(arguments: names)
    func meetsTheRealismRules(name: String) throws {
        let scenario = try Self.load(name)
        let briefing = (scenario.briefing ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!briefing.isEmpty, "a briefing for players")
        let played = scenario.playerRoles
        #expect(played.count >= 3, "at least three played roles")
        #expect(Set(played.compactMap(\.department)).count >= 2, "from at least two departments")
        #expect(scenario.roles.contains { $0.persona?.channels != nil && $0.persona?.reply != nil }, "a simulated person with channel rules")
        #expect(scenario.injects.contains { $0.guardCondition != nil }, "a conditional inject")
        #expect(scenario.injects.contains { if case .when = $0.trigger { true } else { false } }, "an event-triggered inject")
        for kind in [ActionKind.acknowledge, .escalate, .action, .report] {
            #expect(scenario.objectives.contains { $0.kind == kind }, "an objective of kind \(kind)")
        }
        #expect(scenario.injects.contains { $0.expect != nil } && scenario.injects.contains { $0.notes != nil }, "trainer expect and notes")
        #expect(scenario.survey.contains { $0.kind == .scale } && scenario.survey.contains { $0.kind == .text }, "a scale and a text survey question")
        let expectedLanguage: Language = name.hasSuffix("-ja") ? .japanese : .english
        #expect(Language(tag: scenario.language) == expectedLanguage)
    }

    @Test("English and Japanese versions share the id, ids and timings", arguments: drills)
    func languagesMatch(drill: String) throws {
        let english = try Self.load(drill)
        let japanese = try Self.load(drill + "-ja")
        #expect(english.id == drill && japanese.id == drill)
        #expect(english.duration == japanese.duration)
        #expect(english.roles.map(\.id) == japanese.roles.map(\.id))
        #expect(english.roles.map { $0.persona?.channels } == japanese.roles.map { $0.persona?.channels })
        #expect(english.roles.map { $0.persona?.delay } == japanese.roles.map { $0.persona?.delay })
        #expect(english.injects.map(\.id) == japanese.injects.map(\.id))
        #expect(english.injects.map(\.trigger) == japanese.injects.map(\.trigger))
        #expect(english.injects.map(\.guardCondition) == japanese.injects.map(\.guardCondition))
        #expect(english.injects.map(\.to) == japanese.injects.map(\.to))
        #expect(english.injects.map(\.channel) == japanese.injects.map(\.channel))
        func shape(_ objective: Objective) -> String {
            "\(objective.id) \(objective.kind) \(objective.by ?? []) \(objective.from ?? "") \(objective.target) \(objective.limit) \(objective.weight) \(objective.to ?? "") \(objective.via ?? [])"
        }
        #expect(english.objectives.map(shape) == japanese.objectives.map(shape))
        #expect(english.survey.map(\.kind) == japanese.survey.map(\.kind))
    }

    @Test("each script plays the team it describes: its stated score and ratings, every objective met", arguments: names)
    func scriptsReplayAsStated(name: String) throws {
        let scenario = try Self.load(name)
        let path = Self.directory.appendingPathComponent("scripts/\(name).script").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let script = try ReplayScript.parse(text, for: scenario).get()
        let report = DrillReport(scenario: scenario, events: try script.play(scenario).events, mode: .replay)
        let lines = TextLines(text).map { String($0.text) }
        let expectedScore = try #require(lines.first { $0.hasPrefix("# expected score:") }, "\(name): no '# expected score:' line")
        #expect(report.score.map { MarkdownNumber.format($0) } == expectedScore.dropFirst("# expected score:".count).trimmingCharacters(in: .whitespaces))
        let expectedRatings = try #require(lines.first { $0.hasPrefix("# expected ratings:") }, "\(name): no '# expected ratings:' line")
        let ratings = report.objectives.map { "\($0.id)=\($0.rating?.rawValue ?? "-")" }.joined(separator: " ")
        #expect(ratings == expectedRatings.dropFirst("# expected ratings:".count).trimmingCharacters(in: .whitespaces))
        for objective in report.objectives {
            #expect(objective.status == .met, "\(name): objective \(objective.id) is \(objective.status.rawValue); some script must meet it")
        }
        #expect(Set(report.objectives.compactMap(\.rating)).count >= 2, "\(name): a mix of ratings")
        #expect(report.coverage.complete)
    }
}

/// Numbers as the reports print them: whole numbers without decimals.
enum MarkdownNumber {
    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String(value)
    }
}

@Suite("Scenario template")
struct TemplateTests {
    @Test("the template drill validates and its script replays to the score it states")
    func template() throws {
        let directory = LibraryTests.directory.appendingPathComponent("template")
        let loaded = ScenarioLoader().load(path: directory.appendingPathComponent("drill-template.yaml").path)
        #expect(loaded.formattedDiagnostics == [])
        let scenario = try #require(loaded.scenario)
        let text = try String(contentsOfFile: directory.appendingPathComponent("drill-template.script").path, encoding: .utf8)
        let report = DrillReport(scenario: scenario, events: try ReplayScript.parse(text, for: scenario).get().play(scenario).events, mode: .replay)
        let stated = TextLines(text).map { String($0.text) }.first { $0.hasPrefix("# expected score:") }
        #expect(stated.map { $0.dropFirst("# expected score:".count).trimmingCharacters(in: .whitespaces) } == report.score.map(MarkdownNumber.format))
    }
}
