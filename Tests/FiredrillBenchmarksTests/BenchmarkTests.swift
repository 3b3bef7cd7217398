import FiredrillCore
import FiredrillStore
import FiredrillYAML
import Foundation
import Synchronization
import Testing
@testable import FiredrillBenchmarks

/// The benchmarks measure what they say: their synthetic drills are valid and meet their
/// objectives, and a small run prints every figure. (The figures themselves are recorded in
/// BENCHMARKS.md, never asserted.)
@Suite("Benchmarks")
struct BenchmarkTests {
    final class Printed: Sendable {
        let text = Mutex("")
        var output: BenchmarkOutput { BenchmarkOutput { line in self.text.withLock { $0 += line } } }
    }

    @Test("the synthetic drill validates without a warning, and its script replays and meets objectives of every kind")
    func syntheticDrill() throws {
        let drill = SyntheticDrill.scaled(0.05)
        let loaded = ScenarioLoader(limits: .scaled(by: 2)).load(data: Data(drill.yaml.utf8), path: "synthetic.yaml")
        let scenario = try #require(loaded.scenario, "\(loaded.formattedDiagnostics)")
        #expect(loaded.diagnostics.items.isEmpty, "\(loaded.formattedDiagnostics)")
        #expect(scenario.injects.count == drill.injects && scenario.objectives.count == drill.objectives)
        #expect(scenario.injects.contains { $0.guardCondition != nil } && scenario.injects.contains { if case .when = $0.trigger { true } else { false } })
        let script = try ReplayScript.parse(drill.script, for: scenario).get()
        let engine = try script.play(scenario)
        let report = DrillReport(scenario: scenario, events: engine.events, mode: .replay)
        let met = Set(report.objectives.filter { $0.status == .met }.map(\.kind))
        #expect(met == Set(ActionKind.allCases), "objectives met by kind: \(met)")
    }

    @Test("the drill benchmark prints a row per scale with its validation and replay times")
    func drillBenchmark() throws {
        let printed = Printed()
        try DrillBenchmark(scales: [0.01, 0.02], repeats: 1, output: printed.output).run()
        let lines = printed.text.withLock { $0 }.split(separator: "\n")
        let rows = lines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("0.0") }
        #expect(rows.count == 2, "\(lines)")
        for row in rows {
            let figures = row.split(separator: " ").compactMap { Double($0) }
            #expect(figures.count >= 6 && figures.allSatisfy { $0.isFinite && $0 >= 0 }, "\(row)")
        }
    }

    @Test("the store benchmark appends, fills a history and times its queries")
    func storeBenchmark() throws {
        let printed = Printed()
        try StoreBenchmark(events: 20, writers: 2, historyRuns: 20, eventsPerRun: 5, output: printed.output).run()
        let text = printed.text.withLock { $0 }
        for durability in Durability.allCases { #expect(text.contains(durability.rawValue)) }
        for query in ["history (all runs)", "history (latest 50)", "trends (one scenario)"] { #expect(text.contains(query), "\(text)") }
        // 20 runs: every history row is there.
        #expect(text.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("history (all runs)") && $0.split(separator: " ").contains("20") }, "\(text)")
    }

    @Test("the near-miss benchmark ranks a synthetic register and times the register, backlog and digest")
    func nearMissBenchmark() throws {
        let printed = Printed()
        try NearMissBenchmark(entries: 500, repeats: 1, output: printed.output).run()
        let text = printed.text.withLock { $0 }
        for row in ["rank in memory", "register, first page of 500", "backlog (every tag)", "digest of 2026-12"] {
            #expect(text.contains(row), "\(text)")
        }
    }

    @Test("the export benchmark records real replays whose archive holds every file, without a failed run")
    func exportBenchmark() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("drills.sqlite").path
        try ExportBenchmark.fill(path: path, runs: 3)
        let printed = Printed()
        try ExportBenchmark.exportOnly(database: path, output: printed.output)
        let row = printed.text.withLock { $0 }.split(separator: "\n").last.map { $0.split(separator: " ") } ?? []
        #expect(row.first == "3" && row.dropFirst().first == "18", "3 runs, 5 files each and 3 CSV files: \(printed.text.withLock { $0 })")
    }
}
