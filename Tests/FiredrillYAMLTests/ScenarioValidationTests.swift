import FiredrillCore
import Foundation
import Testing
@testable import FiredrillYAML

/// A valid scenario; tests replace single lines to break one rule at a time, so the line
/// numbers below are stable.
let validScenario = """
firedrill: 1
id: cert-expiry
title: Certificate expires at 3 a.m.
duration: 30m
roles:
  - id: ops
    name: On-call engineer
    department: Operations
  - id: boss
    name: Supervisor
    persona:
      channels: [phone]
      delay: 2m
      reply: Call the vendor.
injects:
  - id: alert
    to: [ops]
    channel: monitoring
    subject: TLS handshake failures
    at: 1m
  - id: follow
    to: all
    channel: email
    subject: Vendor ticket opened
    when: met(esc)
    delay: 1m
objectives:
  - id: ack
    kind: acknowledge
    from: alert
    target: 2m
  - id: esc
    kind: escalate
    to: boss
    target: 5m
    limit: 15m
    weight: 2
"""

func load(_ text: String, path: String = "s.yaml", limits: ValidationLimits = .default) -> ScenarioLoader.Loaded {
    ScenarioLoader(limits: limits).load(data: Data(text.utf8), path: path)
}

/// `validScenario` with line `number` (1-based) replaced by `replacement` (which may hold several lines).
func replacing(line number: Int, with replacement: String) -> String {
    var lines = validScenario.components(separatedBy: "\n")
    lines[number - 1] = replacement
    return lines.joined(separator: "\n")
}

@Suite("Scenario validation")
struct ScenarioValidationTests {
    @Test func acceptsTheValidScenario() throws {
        let loaded = load(validScenario)
        #expect(loaded.formattedDiagnostics == [])
        let scenario = try #require(loaded.scenario)
        #expect(scenario.channels == Scenario.defaultChannels)
        #expect(scenario.objectives[0].limit == .seconds(240))
        #expect(scenario.objectives[1].weight == 2)
        #expect(scenario.roles[1].persona == Persona(channels: ["phone"], delay: .seconds(120), reply: "Call the vendor."))
        #expect(scenario.injects[1].trigger == .when(.met("esc"), delay: .seconds(60)))
    }

    @Test(arguments: [
        // (line, replacement, expected "line:column: fragment")
        (1, "firedrill: 2", "1:12: unsupported format version 2"),
        (1, "firedrill: \"1\"", "1:12: firedrill must be the number 1 (without quotes)"),
        (2, "id: Cert_Expiry", "2:5: scenario id 'Cert_Expiry' is not a slug"),
        (3, "titel: x", "3:1: unknown key 'titel' in the scenario; did you mean 'title'?"),
        (4, "duration: 30 minutes", "4:11: 'duration' value '30 minutes' is not a duration"),
        (4, "duration: 0s", "4:11: 'duration' must be longer than 0s"),
        (7, "    nam: On-call engineer", "7:5: unknown key 'nam' in a role; did you mean 'name'?"),
        (12, "      channels: [fax]", "12:18: unknown channel 'fax'"),
        (13, "      delay: soon", "13:14: 'persona delay' value 'soon' is not a duration"),
        (17, "    to: [opps]", "17:10: unknown role 'opps'; did you mean 'ops'?"),
        (17, "    to: ops", "17:9: 'to' must be the word 'all' or a list of role ids"),
        (18, "    channel: emial", "18:14: unknown channel 'emial'; did you mean 'email'?"),
        (20, "    at: 31m", "20:9: 'at' 31m is after the end of the drill"),
        (20, "    delay: 1m", "16:5: inject 'alert' needs either 'at:'"),
        (25, "    when: met(escc)", "25:11: in 'when': unknown objective 'escc' in met(escc); did you mean 'esc'?"),
        (25, "    when: met(esc) and", "25:23: in 'when': condition ends early"),
        (25, "    at: 5m", "26:12: 'delay' only goes with 'when'"),
        (29, "    kind: acknowledgement", "29:11: unknown objective kind 'acknowledgement'; did you mean 'acknowledge'?"),
        (29, "    kind: ack", "29:11: unknown objective kind 'ack'; did you mean 'acknowledge'?"),
        (30, "    from: alertt", "30:11: unknown inject 'alertt' in 'from'; did you mean 'alert'?"),
        (35, "    target: 5m\n    match: [db]", "36:12: 'match' does not apply to escalate objectives"),
        (36, "    limit: 5m", "36:12: limit 5m must be greater than target 5m"),
        (37, "    weight: -1", "37:13: weight must be 0 or more"),
        (34, "    too: boss", "34:5: unknown key 'too' in an objective; did you mean 'to'?"),
    ] as [(Int, String, String)])
    func reportsOneBrokenRuleWithItsPosition(line: Int, replacement: String, expected: String) {
        let loaded = load(replacing(line: line, with: replacement))
        #expect(loaded.scenario == nil || expected.contains("warning"))
        let lines = loaded.formattedDiagnostics
        #expect(lines.contains { $0.hasPrefix("s.yaml:" + expected.prefix { $0 != " " }) && $0.contains(expected.drop { $0 != " " }.dropFirst()) },
                "expected \(expected) in \(lines)")
    }

    @Test func reportsAllProblemsInOnePassInSourceOrder() {
        var text = replacing(line: 3, with: "titel: x")
        text = text.replacingOccurrences(of: "channel: emial", with: "")
        text = text.replacingOccurrences(of: "channel: monitoring", with: "channel: monitorin")
        text = text.replacingOccurrences(of: "kind: acknowledge", with: "kind: acknowlege")
        let lines = load(text).formattedDiagnostics
        #expect(lines.count == 4, "\(lines)")
        #expect(lines[0].hasPrefix("s.yaml:1:1: the scenario is missing the required key 'title'"))
        #expect(lines[1].hasPrefix("s.yaml:3:1: unknown key 'titel'"))
        #expect(lines[2].hasPrefix("s.yaml:18:14: unknown channel 'monitorin'; did you mean 'monitoring'?"))
        #expect(lines[3].hasPrefix("s.yaml:29:11: unknown objective kind 'acknowlege'; did you mean 'acknowledge'?"))
    }

    @Test func requiresTheTopLevelKeys() {
        let lines = load("firedrill: 1\nid: x\n").formattedDiagnostics
        for key in ["title", "duration", "roles", "injects", "objectives"] {
            #expect(lines.contains("s.yaml:1:1: the scenario is missing the required key '\(key)'"), "\(key)")
        }
    }

    @Test func rejectsDuplicateIdsNamingTheFirst() {
        let text = validScenario.replacingOccurrences(of: "  - id: follow", with: "  - id: alert")
            .replacingOccurrences(of: "when: met(esc)", with: "when: met(ack)")
        let lines = load(text).formattedDiagnostics
        #expect(lines.contains { $0.hasPrefix("s.yaml:21:5: duplicate inject id 'alert' (first defined at line 16)") }, "\(lines)")
    }

    @Test func rejectsWhenCyclesButNotBrokenOnes() {
        let cyclic = validScenario.replacingOccurrences(of: "    when: met(esc)", with: "    when: delivered(follow)")
        let lines = load(cyclic).formattedDiagnostics
        #expect(lines.contains { $0.contains("25:11: inject 'follow' can never fire: its 'when' waits on a cycle (follow → follow)") }, "\(lines)")

        let twoCycle = validScenario.replacingOccurrences(of: "    at: 1m", with: "    when: delivered(follow)")
            .replacingOccurrences(of: "    when: met(esc)", with: "    when: delivered(alert) and met(esc)")
        let twoLines = load(twoCycle).formattedDiagnostics
        #expect(twoLines.filter { $0.contains("can never fire") }.count == 2, "\(twoLines)")
        #expect(twoLines.contains { $0.contains("alert → follow → alert") }, "\(twoLines)")

        // An alternative through `or` can still fire, so it is not an error.
        let escapable = validScenario.replacingOccurrences(of: "    when: met(esc)", with: "    when: delivered(follow) or met(esc)")
        #expect(load(escapable).scenario != nil)
    }

    @Test func rejectsPersonaRolesActingAndAllPersonaCasts() {
        let text = validScenario.replacingOccurrences(of: "    kind: acknowledge", with: "    kind: acknowledge\n    by: [boss]")
        #expect(load(text).formattedDiagnostics.contains { $0.contains("role 'boss' is simulated") })
        let allPersonas = validScenario.replacingOccurrences(of: "    department: Operations", with: "    persona: {}")
        #expect(load(allPersonas).formattedDiagnostics.contains { $0.contains("nobody can play this drill") })
    }

    @Test func escalateNeedsToAndOthersMayNotHaveIt() {
        let noTo = validScenario.replacingOccurrences(of: "    to: boss\n", with: "")
        #expect(load(noTo).formattedDiagnostics.contains { $0.contains("escalate objective 'esc' needs 'to:'") })
        let misplaced = validScenario.replacingOccurrences(of: "    from: alert", with: "    from: alert\n    via: [phone]")
        #expect(load(misplaced).formattedDiagnostics.contains { $0.contains("'via' only applies to escalate objectives") })
    }

    @Test func aSingleValueCountsAsAListOfOne() throws {
        let text = validScenario
            .replacingOccurrences(of: "    kind: acknowledge", with: "    kind: acknowledge\n    by: ops")
            .replacingOccurrences(of: "    to: boss", with: "    to: boss\n    via: phone")
        let scenario = try #require(load(text).scenario, "\(load(text).formattedDiagnostics)")
        #expect(scenario.objectives[0].by == ["ops"])
        #expect(scenario.objectives[1].via == ["phone"])
        let matching = validScenario.replacingOccurrences(of: "    target: 2m", with: "    target: 2m")
            + "\n  - id: fix\n    kind: action\n    match: renew\n    target: 10m\n"
        #expect(try #require(load(matching).scenario).objectives[2].match == ["renew"])
        // A number is not a list of keywords.
        #expect(load(validScenario + "\n  - id: fix\n    kind: action\n    match: 5\n    target: 10m\n").scenario == nil)
    }

    @Test func customChannelsReplaceTheDefaults() {
        let text = validScenario.replacingOccurrences(of: "duration: 30m", with: "duration: 30m\nchannels: [monitoring, phone, slack]")
        let lines = load(text).formattedDiagnostics
        #expect(lines.contains { $0.contains("unknown channel 'email'") }, "\(lines)")
    }

    @Test func acceptsJSONWithTheSameShapeAndReportsItsPositions() throws {
        let json = """
        {
        \t"firedrill": 1, "id": "j", "title": "JSON drill", "duration": 600,
        \t"roles": [{"id": "ops", "name": "Ops"}],
        \t"injects": [{"id": "a", "to": "all", "channel": "chat", "subject": "Hi", "at": "1m"}],
        \t"objectives": [{"id": "o", "kind": "acknowledge", "target": 60}]
        }
        """
        let loaded = load(json, path: "s.json")
        #expect(loaded.formattedDiagnostics == [])
        #expect(loaded.scenario?.duration == .seconds(600))
        let broken = load(json.replacingOccurrences(of: "\"acknowledge\"", with: "\"acknowlege\""), path: "s.json")
        #expect(broken.formattedDiagnostics.contains { $0.hasPrefix("s.json:5:") && $0.contains("did you mean 'acknowledge'") })
    }
}
