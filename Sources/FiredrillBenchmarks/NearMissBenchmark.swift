import FiredrillCore
import FiredrillRecords
import FiredrillReporting
import FiredrillSQLite
import FiredrillStore
import Foundation

/// `firedrill bench near-misses`: a register of 100,000 near misses in a scratch SQLite file,
/// and the time the server takes to answer the register's first page, the backlog and a
/// month's digest: reading every entry, ranking them (frequency, staleness, priority) and
/// encoding the JSON, the best of `repeats`. Target: each under 0.5 s.
public struct NearMissBenchmark: Sendable {
    public var entries: Int
    public var repeats: Int
    public var output: BenchmarkOutput

    public init(entries: Int = 100_000, repeats: Int = 3, output: BenchmarkOutput = .standardOutput) {
        self.entries = entries
        self.repeats = repeats
        self.output = output
    }

    public func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try AppDatabase.open(path: folder.appendingPathComponent("register.sqlite").path)
        defer { try? database.close() }
        let today = CalendarDay("2026-12-07")!
        let fill = try Timing.best(of: 1) { try database.insertSyntheticNearMisses(count: entries, today: today) }

        var pageBytes = 0, backlogBytes = 0, digestBytes = 0, tags = 0
        let read = try Timing.best(of: repeats) { _ = try database.nearMissFacts() }
        let stored = try database.nearMissFacts()
        let scenarios = try NearMissRecords.coveringScenarios(database)
        let rank = Timing.best(of: repeats) { _ = NearMissRegister(entries: stored, scenarios: scenarios, lastDrilled: [:], today: today) }
        let register = try Timing.best(of: repeats) {
            let ranked = try NearMissRecords.register(database, today: today).ranked
            pageBytes = try JSONReportRenderer.encode(try NearMissRecords.whole(ranked.prefix(500), in: database).map { NearMissEntry($0) }).utf8.count
        }
        let backlog = try Timing.best(of: repeats) {
            let items = try NearMissRecords.backlog(NearMissRecords.register(database, today: today), in: database)
            tags = items.count
            backlogBytes = try JSONReportRenderer.encode(items).utf8.count
        }
        let digest = try Timing.best(of: repeats) {
            let document = try NearMissDigest(month: today.month, register: try NearMissRecords.register(database, today: today),
                                              picks: try database.mostValuableNearMisses(), database: database)
            digestBytes = try JSONReportRenderer.encode(document).utf8.count
        }
        output("Near-miss register of \(entries) entries, \(tags) tags (filled in \(String(format: "%.1f", fill)) s; best of \(repeats))\n")
        output.table([
            ["answer", "seconds", "JSON bytes"],
            ["read what ranking needs (store only)", String(format: "%.3f", read), "–"],
            ["rank in memory (no store)", String(format: "%.3f", rank), "–"],
            ["register, first page of 500", String(format: "%.3f", register), "\(pageBytes)"],
            ["backlog (every tag)", String(format: "%.3f", backlog), "\(backlogBytes)"],
            ["digest of \(today.month)", String(format: "%.3f", digest), "\(digestBytes)"],
        ])
        output("Target: each under 0.5 s with 100,000 entries (release build).\n")
    }
}
