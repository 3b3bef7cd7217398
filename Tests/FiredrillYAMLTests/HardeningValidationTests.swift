import FiredrillCore
import Foundation
import Testing
import Yams
@testable import FiredrillYAML

/// Validation cases from trying firedrill with broken and hostile scenarios.
@Suite("Validation hardening")
struct HardeningValidationTests {
    @Test("a scenario with CRLF or CR line endings reads like LF, with the same line numbers", arguments: ["\r\n", "\r"])
    func lineEndings(terminator: String) throws {
        let converted = validScenario.replacingOccurrences(of: "\n", with: terminator)
        let loaded = load(converted)
        #expect(loaded.formattedDiagnostics == [])
        #expect(loaded.scenario == load(validScenario).scenario)
        let broken = replacing(line: 18, with: "    channel: emial").replacingOccurrences(of: "\n", with: terminator)
        #expect(load(broken).formattedDiagnostics.first?.hasPrefix("s.yaml:18:14: unknown channel 'emial'") == true)
    }

    @Test("huge or non-finite weights are refused with a message that says what is allowed", arguments: [
        "1e308", "1.0e+400", "1001", "99999999999999999999",
    ])
    func hugeWeights(weight: String) {
        let lines = load(replacing(line: 37, with: "    weight: \(weight)")).formattedDiagnostics
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.hasPrefix("s.yaml:37:13: ") == true, "\(lines)")
        #expect(lines.first?.contains("weight") == true)
    }

    @Test func theLargestWeightIsAccepted() throws {
        let scenario = try #require(load(replacing(line: 37, with: "    weight: 1000")).scenario)
        #expect(scenario.objectives[1].weight == 1000)
    }

    @Test("control characters in scenario text are refused, quoted escapes included", arguments: [
        (19, #"    subject: "\e[2J all clear""#, "U+001B (ESC)"),
        (19, "    subject: \"bell \\a\"", "U+0007 (BEL)"),
        (19, "    subject: \"cr \\r here\"", "U+000D (CR)"),
        (14, "      reply: \"Call \\u202Eredaolnwod\"", "RIGHT-TO-LEFT OVERRIDE"),
    ] as [(Int, String, String)])
    func controlCharacters(line: Int, replacement: String, name: String) {
        let lines = load(replacing(line: line, with: replacement)).formattedDiagnostics
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.hasPrefix("s.yaml:\(line):") == true && lines.first?.contains(name) == true, "\(lines)")
    }

    @Test func controlCharactersInJSONStrings() {
        let json = #"{"firedrill": 1, "id": "x", "title": "bad \u001b[2J", "duration": 60, "roles": [{"id": "a", "name": "A"}], "injects": [{"id": "i", "to": "all", "channel": "chat", "subject": "s", "at": 1}], "objectives": [{"id": "o", "kind": "acknowledge", "target": 10}]}"#
        let lines = load(json, path: "s.json").formattedDiagnostics
        #expect(lines.count == 1 && lines[0].contains("U+001B (ESC)"), "\(lines)")
    }

    @Test("a duplicate inject id is reported even when an entry has another error")
    func duplicateIDsWithOtherErrors() {
        let text = validScenario.replacingOccurrences(of: "  - id: follow\n    to: all", with: "  - id: alert\n    to: [nobody]")
        let lines = load(text).formattedDiagnostics
        #expect(lines.contains { $0.hasPrefix("s.yaml:21:5: duplicate inject id 'alert' (first defined at line 16)") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("s.yaml:22:10: unknown role 'nobody'") }, "\(lines)")
        #expect(lines.count == 2, "\(lines)")
    }

    @Test("a list over its limit is one error, without follow-on errors for the entries past it")
    func limitsWithoutFollowOnErrors() {
        var limits = ValidationLimits()
        limits.maximumObjectives = 1
        limits.maximumInjects = 1
        // `follow` waits on met(esc), the second objective, past the limit of one.
        let lines = load(validScenario, limits: limits).formattedDiagnostics
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.contains { $0.contains("'injects' has 2 entries; the limit is 1") })
        #expect(lines.contains { $0.contains("'objectives' has 2 entries; the limit is 1") })
    }

    @Test("a 'when' that waits on an inject with an error of its own is not called impossible")
    func noCycleErrorFromAnotherError() {
        let text = validScenario
            .replacingOccurrences(of: "    channel: monitoring", with: "    channel: monitorin")
            .replacingOccurrences(of: "    when: met(esc)", with: "    when: delivered(alert)")
        let lines = load(text).formattedDiagnostics
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.contains("unknown channel 'monitorin'") == true)
    }
}

/// Plain scalars are typed without Yams' regular expressions, by the same rules.
@Suite("Plain scalar types")
struct PlainScalarTests {
    static let samples = [
        "", "~", "null", "Null", "NULL", "nul", "yes", "No", "ON", "off", "true", "False", "TRUE", "y", "n",
        "0", "1", "-1", "+7", "007", "0o17", "0o18", "0b101", "0b2", "0x1F", "0xG", "1_000", "1:30", "1:60", "190:20:30",
        "1.5", "-1.5", ".5", "1.", "1e5", "1.5e-3", ".5e+3", ".5e3", "1e", ".inf", "-.INF", ".nan", ".NaN", "1:30.5",
        "5m", "90s", "1h30m", "2026-11-23", "abc", "1.2.3", "--1", "0x", "+", ".", "e5", "1__2", "9:5",
    ]

    @Test(arguments: samples)
    func sameTypeAsYamsDefaultResolver(text: String) throws {
        let node = try #require(try Yams.compose(yaml: "value: \(text.isEmpty ? "" : text)"))
        let value = try #require(node.mapping?["value"])
        let expected: SourceScalar.ScalarType = switch value.tag.description {
        case Tag.Name.null.rawValue: .null
        case Tag.Name.bool.rawValue: .bool
        case Tag.Name.int.rawValue: .int
        case Tag.Name.float.rawValue: .float
        default: .string
        }
        #expect(PlainScalar.type(of: text) == expected, "\(text)")
    }
}
