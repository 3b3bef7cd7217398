import FiredrillCore
import Foundation
import Testing
@testable import FiredrillYAML

@Suite("Scenario text between YAML and JSON")
struct ScenarioTextConversionTests {
    @Test("every bundled scenario goes to JSON and back to YAML and loads as the same scenario")
    func roundTrips() throws {
        let loader = ScenarioLoader()
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/FiredrillScenarios/Scenarios").standardizedFileURL
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 20)
        for file in files {
            let original = loader.load(path: folder.appendingPathComponent(file).path)
            let scenario = try #require(original.scenario, "\(file)")
            let json = try ScenarioTextConversion.convert(try #require(original.source), to: .json)
            #expect(json.hasPrefix("{\n  \"firedrill\": 1,\n"), "\(file)")
            #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any], "\(file)")
            let fromJSON = loader.load(data: Data(json.utf8), path: file + ".json")
            #expect(fromJSON.scenario == scenario, "\(file): \(fromJSON.formattedDiagnostics.prefix(3))")
            let yaml = try ScenarioTextConversion.convert(json, to: .yaml)
            let fromYAML = loader.load(data: Data(yaml.utf8), path: file)
            #expect(fromYAML.scenario == scenario, "\(file): \(fromYAML.formattedDiagnostics.prefix(3))")
            // Converting again changes nothing: the form is stable.
            #expect(try ScenarioTextConversion.convert(try ScenarioTextConversion.convert(yaml, to: .json), to: .yaml) == yaml, "\(file)")
        }
    }

    @Test("text that reads as something else stays text; line breaks become a literal block; numbers stay numbers")
    func scalars() throws {
        let json = #"{"id": "x", "a": "1", "b": "yes", "c": "", "d": "line one\nline two", "e": 90, "f": 1.5, "g": true, "h": null, "i": " padded", "j": "日本語：時刻 20分", "k": []}"#
        let yaml = try ScenarioTextConversion.convert(json, to: .yaml)
        #expect(yaml == """
            id: x
            a: "1"
            b: "yes"
            c: ""
            d: |-
              line one
              line two
            e: 90
            f: 1.5
            g: true
            h: null
            i: " padded"
            j: 日本語：時刻 20分
            k: []

            """)
        let back = try ScenarioTextConversion.convert(yaml, to: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(back.utf8)) as? [String: Any])
        #expect(object["a"] as? String == "1" && object["b"] as? String == "yes" && object["e"] as? Int == 90)
        #expect(object["d"] as? String == "line one\nline two" && object["h"] is NSNull && object["g"] as? Bool == true)
        let keys = back.split(separator: "\n").compactMap { $0.split(separator: "\"").dropFirst().first }
        #expect(keys.prefix(4) == ["id", "a", "b", "c"], "key order is kept")
    }

    @Test("bad text is refused with a reason: not YAML, too deep, too large; an alias is written out where it is used")
    func refusals() throws {
        #expect(try ScenarioTextConversion.convert("a: &x 1\nb: *x\n", to: .json) == "{\n  \"a\": 1,\n  \"b\": 1\n}\n")
        for bad in ["{\"a\": ", "a: [1, 2", String(repeating: "[", count: 500), String(repeating: "a", count: 5 * 1_048_576)] {
            #expect(throws: ScenarioTextConversion.Failure.self) { try ScenarioTextConversion.convert(bad, to: .json) }
        }
    }
}
