import Dispatch
import FiredrillCore
import FiredrillSQLite
import FiredrillStore
import Foundation

/// `firedrill bench`'s store part: durable appends (one writer and several at once, at each
/// durability) and the history and trend queries over many runs, on files in a temporary
/// directory.
public struct StoreBenchmark: Sendable {
    public var events: Int
    public var writers: Int
    public var historyRuns: Int
    public var eventsPerRun: Int
    public var output: BenchmarkOutput

    public init(events: Int, writers: Int, historyRuns: Int, eventsPerRun: Int, output: BenchmarkOutput = .standardOutput) {
        self.events = events
        self.writers = writers
        self.historyRuns = historyRuns
        self.eventsPerRun = eventsPerRun
        self.output = output
    }

    public func run() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        output("\nStore benchmark (SQLite WAL; each event is its own committed transaction)\n")
        var rows = [["durability", "writers", "events", "seconds", "events/s"]]
        for durability in Durability.allCases {
            for writers in [1, self.writers] {
                let path = "\(directory)/append-\(durability.rawValue)-\(writers).sqlite"
                let seconds = try appendEvents(path: path, durability: durability, writers: writers)
                let total = events * writers
                rows.append([durability.rawValue, "\(writers)", "\(total)", String(format: "%.3f", seconds), String(format: "%.0f", Double(total) / seconds)])
            }
        }
        output.table(rows)

        let path = "\(directory)/history.sqlite"
        let database = try AppDatabase.open(path: path)
        let fill = try measure { try database.insertSyntheticHistory(runs: historyRuns, eventsPerRun: eventsPerRun) }
        output("\nHistory over \(historyRuns) runs of \(eventsPerRun) events (filled in \(String(format: "%.1f", fill)) s)\n")
        var queries = [["query", "rows", "seconds"]]
        var count = 0
        queries.append(["history (all runs)", "", String(format: "%.4f", try best { count = try database.history().count })])
        queries[queries.count - 1][1] = "\(count)"
        queries.append(["history (one scenario)", "", String(format: "%.4f", try best { count = try database.history(filter: HistoryFilter(scenarioID: "scenario-3")).count })])
        queries[queries.count - 1][1] = "\(count)"
        queries.append(["history (latest 50)", "", String(format: "%.4f", try best { count = try database.history(filter: HistoryFilter(limit: 50)).count })])
        queries[queries.count - 1][1] = "\(count)"
        queries.append(["trends (all runs)", "", String(format: "%.4f", try best { count = try database.trendPoints().count })])
        queries[queries.count - 1][1] = "\(count)"
        queries.append(["trends (one scenario)", "", String(format: "%.4f", try best { count = try database.trendPoints(scenarioID: "scenario-3").count })])
        queries[queries.count - 1][1] = "\(count)"
        output.table(queries)
        output("Targets: at least 5,000 durable events/s; history under 0.2 s; trends under 0.5 s.\n")
    }

    /// Appends `events` single-event batches per writer, each writer on its own connection
    /// (as separate processes would be) and its own run, all at once.
    private func appendEvents(path: String, durability: Durability, writers: Int) throws -> Double {
        let scenario = Scenario(
            id: "bench", title: "Bench", duration: .seconds(86_400),
            roles: [Role(id: "ops", name: "Ops")],
            injects: [Inject(id: "a", to: .all, channel: "chat", subject: "A", trigger: .at(.zero))],
            objectives: [Objective(id: "o", kind: .acknowledge, target: .seconds(60))]
        )
        _ = try AppDatabase.open(path: path, durability: durability)
        let recorders = try (0..<writers).map { _ in
            try AppDatabase.open(path: path, durability: durability)
                .startRun(scenario: scenario, source: "bench", path: "bench.yaml", interface: .terminal, speed: 1, participants: [])
        }
        let failures = FailureBox()
        let events = self.events
        let seconds = measure {
            DispatchQueue.concurrentPerform(iterations: writers) { writer in
                do {
                    let recorder = recorders[writer]
                    try recorder.append([DrillEvent(sequence: 0, time: .zero, kind: .started)])
                    for sequence in 1..<events {
                        let action = PlayerAction(role: "ops", kind: .action, text: "step \(sequence)")
                        try recorder.append([DrillEvent(sequence: sequence, time: .seconds(Int64(sequence)), kind: .action(action))])
                    }
                } catch {
                    failures.record(error)
                }
            }
        }
        if let error = failures.first { throw error }
        return seconds
    }

    private func measure(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private func best(of count: Int = 3, _ body: () throws -> Void) throws -> Double {
        var best = Double.infinity
        for _ in 0..<count { best = min(best, try measure(body)) }
        return best
    }
}

private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []
    func record(_ error: any Error) { lock.withLock { errors.append(error) } }
    var first: (any Error)? { lock.withLock { errors.first } }
}
