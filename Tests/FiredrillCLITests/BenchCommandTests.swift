import FiredrillTestSupport
import Foundation
import Testing

/// `firedrill bench` through the executable, at a tiny size: the figures are printed and
/// nothing acknowledged is missing from the record. (Figures are recorded in BENCHMARKS.md,
/// never asserted.)
@Suite("firedrill bench")
struct BenchCommandTests {
    @Test("bench live starts a server process, loads it and finds every acknowledged action in the record")
    func live() throws {
        let result = try CLI.run(["bench", "live", "--players", "3", "--roles", "2", "--clients", "3", "--seconds", "0.5", "--durability", "normal"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        let delivery = try #require(lines.first { $0.first == "3" && $0.contains("of") }, "\(result.stdout)")
        #expect(delivery.joined(separator: " ").contains("3 of 3 0"), "every player's answer accepted, no error: \(delivery)")
        let throughput = try #require(lines.first { $0.first == "normal" }, "\(result.stdout)")
        // durability, clients, seconds, acknowledged, actions/s, errors, lost, …
        #expect(throughput.count >= 7 && Int(throughput[3]) ?? 0 > 0 && throughput[5] == "0" && throughput[6] == "0", "\(throughput)")
    }

    @Test("bench live --db records into PostgreSQL: the same figures, every acknowledged action in its record")
    func livePostgres() throws {
        let cluster = try PostgresCluster.shared()
        let url = cluster.url(try cluster.database("bench_live"))
        let result = try CLI.run(["bench", "live", "--players", "3", "--roles", "2", "--clients", "3", "--seconds", "0.5", "--db", url])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("store: PostgreSQL"), "\(result.stdout)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        let delivery = try #require(lines.first { $0.first == "3" && $0.contains("of") }, "\(result.stdout)")
        #expect(delivery.joined(separator: " ").contains("3 of 3 0"), "\(delivery)")
        let throughput = try #require(lines.first { $0.first == "PostgreSQL's" }, "\(result.stdout)")
        #expect(throughput.count >= 7 && Int(throughput[3]) ?? 0 > 0 && throughput[5] == "0" && throughput[6] == "0", "\(throughput)")
        #expect(!result.stdout.contains(PostgresCluster.password))
    }

    @Test("bench (local) measures the drill and the store at the sizes asked")
    func local() throws {
        let result = try CLI.run(["bench", "--scales", "0.01", "--repeats", "1", "--events", "10", "--writers", "2", "--history-runs", "20"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("0.01×") && result.stdout.contains("history (all runs)") && result.stdout.contains("events/s"), "\(result.stdout)")
    }

    @Test("bench msel writes the workbook and the Shift_JIS CSV and times importing each")
    func msel() throws {
        let directory = try CLI.temporaryDirectory()
        let result = try CLI.run(["bench", "msel", "--injects", "40", "--repeats", "1", "--write", directory.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("msel-40.xlsx") && result.stdout.contains("msel-40-sjis.csv"), "\(result.stdout)")
        let csv = try Data(contentsOf: directory.appendingPathComponent("msel-40-sjis.csv"))
        #expect(String(data: csv, encoding: .utf8) == nil && String(data: csv, encoding: .shiftJIS) != nil)
        let imported = try CLI.run(["msel", "import", directory.appendingPathComponent("msel-40.xlsx").path])
        #expect(imported.status == 0 && imported.stdout.contains("id: synthetic-msel-40"), "\(imported.stderr)")
    }
}

