import FiredrillCore
import FiredrillReporting
import FiredrillYAML
import Foundation
import Testing

/// The report JSON of every bundled drill's replay is byte for byte what JSONEncoder writes
/// (the timeline is written by a faster writer of its own).
@Suite("Report JSON of the bundled drills")
struct ReportJSONTests {
    static let directory = CLI.packageRoot.appendingPathComponent("scenarios")
    static let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()

    @Test(arguments: names)
    func sameBytesAsJSONEncoder(name: String) throws {
        let scenario = try #require(ScenarioLoader().load(path: Self.directory.appendingPathComponent(name + ".yaml").path).scenario)
        let text = try String(contentsOfFile: Self.directory.appendingPathComponent("scripts/\(name).script").path, encoding: .utf8)
        let engine = try ReplayScript.parse(text, for: scenario).get().play(scenario)
        let report = DrillReport(scenario: scenario, events: engine.events, mode: .replay)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        #expect(try JSONReportRenderer.render(report) == String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
    }
}
