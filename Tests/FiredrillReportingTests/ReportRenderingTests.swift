import FiredrillCore
import Foundation
import Testing
@testable import FiredrillReporting

@Suite("Report rendering")
struct ReportRenderingTests {
    func report() throws -> DrillReport { try ReportFixtures.tiny() }

    @Test func jsonHasTheContractKeysWithExplicitNulls() throws {
        let json = try JSONReportRenderer.render(try report())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["scenario", "score", "objectives", "injects", "metrics"] { #expect(object[key] != nil, "\(key)") }
        let objectives = try #require(object["objectives"] as? [[String: Any]])
        for key in ["id", "kind", "weight", "status", "elapsed_seconds", "credit", "rating"] {
            #expect(objectives.allSatisfy { $0.keys.contains(key) }, "\(key)")
        }
        #expect(objectives[1]["elapsed_seconds"] is NSNull)
        #expect(objectives[1]["status"] as? String == "missed")
        let injects = try #require(object["injects"] as? [[String: Any]])
        #expect(injects[1]["at_seconds"] is NSNull && injects[1]["status"] as? String == "not-reached")
        let metrics = try #require(object["metrics"] as? [String: Any])
        for key in ["time_to_acknowledge_seconds", "time_to_escalate_seconds", "time_to_first_action_seconds", "time_to_resolve_seconds"] {
            #expect(metrics.keys.contains(key), "\(key)")
        }
        #expect(metrics["time_to_acknowledge_seconds"] as? Double == 90)
        // ack: elapsed 30 ≤ 60 → 1; esc missed → 0: 50.
        #expect(object["score"] as? Double == 50)
        // Whole numbers are written as JSON integers and keys are sorted.
        #expect(json.contains("\"elapsed_seconds\" : 30,"))
        #expect(json.range(of: "\"drill\"")!.lowerBound < json.range(of: "\"format\"")!.lowerBound)
        #expect((object["blameless_findings"] as? [Any])?.isEmpty == true)
    }

    @Test func markdownEscapesTableCellsAndSpeaksOfRoles() throws {
        let md = MarkdownReportRenderer.render(try report())
        #expect(md.contains("# After-action report and improvement plan: Tiny \\| drill"))
        let rows = ReportFixtures.markdownTables(md).flatMap { $0 }.map(ReportFixtures.cells)
        // Objectives without a name go by their id; people by their role's name, never an id.
        #expect(rows.contains(["ack", "Acknowledge", "1", "1:00", "2:00", "0:30", "1", "**P**", "**P**", "–", "Ops"]))
        #expect(rows.contains(["esc", "Escalate", "1", "2:00", "4:00", "**missed**", "0", "**U**", "**U**", "–", ""]))
        #expect(rows.contains(["1:30", "Action: Acknowledge", "**Ops**: on it — meets ack"]))
        #expect(rows.contains(["Conduct", "1 player action, 1 message delivered (0 ad-lib), 0 pauses, 0 interruptions"]))
        #expect(rows.contains(["Time to resolve", "the first resolution by any role", "none", "–"]))
        #expect(md.contains("It does not assess individuals"))
    }

    @Test func summaryQuoteHasNoTrailingEmptyLine() throws {
        var report = try report()
        report.scenario.summary = "First line.\nSecond line.\n"
        let md = MarkdownReportRenderer.render(report)
        #expect(md.contains("> First line.  \n> Second line.\n\n## 2."))
    }
}

@Suite("Rendering hostile values")
struct HostileRenderingTests {
    @Test("numbers that are not finite or far too large are written as a dash, never a crash")
    func hugeNumbers() {
        #expect(MarkdownReportRenderer.number(1e308) == "–")
        #expect(MarkdownReportRenderer.number(.infinity) == "–")
        #expect(MarkdownReportRenderer.number(.nan) == "–")
        #expect(MarkdownReportRenderer.number(70.25, digits: 1) == "70.3")
        #expect(MarkdownReportRenderer.clock(.infinity) == "–")
        #expect(MarkdownReportRenderer.clock(90) == "1:30")
    }

    @Test("control characters in scenario text never reach the Markdown report")
    func controlCharactersAreNeutralized() throws {
        let scenario = Scenario(
            id: "esc", title: "Bad \u{1B}[2J title", summary: "line\u{1B}]0;pwned\u{7}", duration: .seconds(60),
            roles: [Role(id: "ops", name: "Ops\u{1B}[31m")],
            injects: [Inject(id: "a", to: .all, channel: "chat", subject: "x\u{1B}[1Ay", trigger: .at(.seconds(1)))],
            objectives: [Objective(id: "ack", kind: .acknowledge, target: .seconds(10))]
        )
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        engine.end(at: .seconds(60), reason: .completed)
        let markdown = MarkdownReportRenderer.render(DrillReport(scenario: scenario, events: engine.events, mode: .replay))
        #expect(!markdown.contains("\u{1B}") && !markdown.contains("\u{7}"))
        #expect(markdown.contains("Bad \u{241B}\\[2J title"))
    }
}

@Suite("Fast timeline JSON")
struct TimelineJSONTests {
    static func jsonEncoder(_ report: DrillReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }

    @Test("the report's JSON is byte for byte JSONEncoder's, hostile text and every entry type included")
    func sameBytesAsJSONEncoder() throws {
        let scenario = Scenario(
            id: "json", title: "JSON", duration: .seconds(3600),
            roles: [Role(id: "ops", name: "Ops"), Role(id: "boss", name: "Boss", persona: Persona(reply: "Quote \" backslash \\ slash / tab\t"))],
            injects: (0..<80).map { Inject(id: "i\($0)", to: .all, channel: "chat", subject: "Subject \($0) 日本語 \"q\"", trigger: .at(.seconds(Int64($0 * 10)))) },
            objectives: [Objective(id: "ack", kind: .acknowledge, target: .seconds(60)), Objective(id: "esc", kind: .escalate, target: .seconds(60), to: "boss")]
        )
        var engine = DrillEngine(scenario: scenario)
        engine.start()
        _ = try engine.perform(PlayerAction(role: "ops", kind: .acknowledge, text: "line\nbreak ctrl é 😀 \"q\" \\", inReplyTo: "i0"), at: DrillTime(milliseconds: 1_234))
        let acknowledgement = try #require(engine.events.last?.sequence)
        _ = try engine.perform(PlayerAction(role: "ops", kind: .escalate, text: "", target: "boss", channel: "phone"), at: .seconds(5))
        _ = try engine.adjudicate(Adjudication(action: acknowledgement, objective: "esc", decision: .credit, note: "note \"q\"", by: "evaluator-1"), at: .seconds(6))
        _ = try engine.changeSpeed(2.5, at: .seconds(6))
        _ = try engine.deliver(AdlibInject(to: .all, channel: "chat", from: "CTO", subject: "Ad-lib </script>", body: "b"), at: .seconds(7))
        _ = try engine.observe(Observation(objective: "ack", rating: .someChallenges, text: "obs"), at: .seconds(8))
        engine.pause(at: .seconds(9))
        engine.resume()
        _ = try engine.advanceToNextInject(at: .seconds(9))
        engine.end(at: .seconds(1000), reason: .endedByTrainer)
        // Text no input can carry any more (a control character) may still be in an old record.
        let old = DrillEvent(sequence: engine.events.count, time: .seconds(1000), kind: .observation(Observation(text: "old \u{1} ctrl")))
        let report = DrillReport(scenario: scenario, events: engine.events + [old], mode: .live)
        #expect(report.timeline.count > 64)
        #expect(Set(report.timeline.map(\.type)).isSuperset(of: ["adjudication", "speed-changed", "clock-advanced", "observation", "inject-delivered", "action", "persona-reply", "paused", "resumed", "ended"]))
        #expect(try JSONReportRenderer.render(report) == (try Self.jsonEncoder(report)))
    }
}
