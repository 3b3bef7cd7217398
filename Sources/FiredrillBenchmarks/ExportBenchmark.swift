import FiredrillCore
import FiredrillRecords
import FiredrillSQLite
import FiredrillScenarios
import FiredrillStore
import FiredrillYAML
import Foundation

/// `firedrill bench exports`: the evidence archive of 1,000 recorded runs, as
/// `GET /api/v1/exports` writes it (every report in JSON, Markdown and HTML, the scripts, the
/// scenarios and the CSV files, one file at a time into a ZIP on disk), timed, with the peak
/// memory of a process that does only that. The runs are real replays of a bundled drill
/// (their chains verify), recorded again and again.
public struct ExportBenchmark: Sendable {
    public var runs: Int
    public var output: BenchmarkOutput

    public init(runs: Int = 1_000, output: BenchmarkOutput = .standardOutput) {
        self.runs = runs
        self.output = output
    }

    /// Fills a scratch database, then has `exporter` (a command line that runs
    /// ``exportOnly(database:)`` in a fresh process) write the archive, and prints its figures.
    public func run(exporter: (String) -> [String]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("drills.sqlite").path
        let fill = try Timing.best(of: 1) { try Self.fill(path: path, runs: runs) }
        output("Recorded \(runs) replays of the bundled newsletter drill in \(String(format: "%.1f", fill)) s\n")
        let process = Process()
        let arguments = exporter(path)
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchmarkFailure("the export process failed (\(process.terminationStatus))") }
        output(String(decoding: data, as: UTF8.self))
        output("Target: an export of 1,000 runs streams its ZIP under 256 MB of memory.\n")
    }

    /// In the child process: the archive of every run of `database`, its time, size and this
    /// process's peak memory.
    public static func exportOnly(database path: String, output: BenchmarkOutput = .standardOutput) throws {
        let database = try AppDatabase.open(path: path, access: .readOnly)
        let ids = try database.history(filter: HistoryFilter()).map(\.runID).reversed()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-bench-export-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        var failures: [String] = []
        let seconds = try Timing.best(of: 1) {
            failures = try EvidenceExport(language: .japanese, timeZone: TimeZone(identifier: "Asia/Tokyo")!).write(Array(ids), from: database, to: try ZIPEvidenceSink(url: url))
        }
        guard failures.isEmpty else { throw BenchmarkFailure("\(failures.count) runs failed: \(failures.prefix(3))") }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        output.table([
            ["runs", "files", "archive (MB)", "seconds", "peak memory (MB)"],
            ["\(ids.count)", "\(ids.count * 5 + 3)", String(format: "%.1f", Double(bytes) / 1_048_576), String(format: "%.1f", seconds),
             String(format: "%.0f", Double(usage.ru_maxrss) / 1024)],
        ])
    }

    /// `runs` recorded replays of the bundled Japanese newsletter drill.
    static func fill(path: String, runs: Int) throws {
        guard let entry = BundledScenarios.named("newsletter-brochure-leak-ja"), let scriptPath = entry.scriptPath else {
            throw BenchmarkFailure("the bundled newsletter drill is missing")
        }
        let loaded = ScenarioLoader().load(path: entry.path)
        guard let scenario = loaded.scenario, let source = loaded.source else { throw BenchmarkFailure("the bundled drill does not load") }
        let text = try String(contentsOfFile: scriptPath, encoding: .utf8)
        guard case .success(let script) = ReplayScript.parse(text, for: scenario) else { throw BenchmarkFailure("its script does not parse") }
        let engine = try script.play(scenario)
        let report = DrillReport(scenario: scenario, events: engine.events, mode: script.mode)
        let database = try AppDatabase.open(path: path)
        defer { try? database.close() }
        for _ in 0..<runs {
            _ = try database.recordFinishedRun(
                scenario: scenario, source: source, path: entry.path, interface: .script, speed: nil,
                participants: scenario.playerRoles.map { .init(role: $0.id, displayName: nil, department: nil) },
                events: engine.events, report: report
            )
        }
    }
}
