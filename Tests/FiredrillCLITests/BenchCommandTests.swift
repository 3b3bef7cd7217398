import FiredrillTestSupport
import Foundation
import Testing

/// `firedrill bench` through the executable, at a tiny size: the figures are printed and
/// nothing acknowledged is missing from the record. (Figures are recorded in BENCHMARKS.md,
/// never asserted.)
@Suite("firedrill bench")
struct BenchCommandTests {
    /// The rows of the printed tables, cells split where columns are (two spaces or more).
    static func rows(_ output: String) -> [[String]] {
        output.split(separator: "\n").map { line in
            line.trimmingCharacters(in: .whitespaces).components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    @Test("bench live starts a server process, loads it and finds every acknowledged action in the record")
    func live() throws {
        let result = try CLI.run(["bench", "live", "--players", "3", "--roles", "2", "--clients", "3", "--seconds", "0.5", "--durability", "normal"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = Self.rows(result.stdout)
        // servers, players, p50, p99, max, last, answers accepted, errors, …
        let delivery = try #require(rows.first { $0.first == "1 server, SQLite" && $0.count > 7 && $0[1] == "3" }, "\(result.stdout)")
        #expect(delivery[6] == "3 of 3" && delivery[7] == "0", "every player's answer accepted, no error: \(delivery)")
        // servers, durability, clients, seconds, acknowledged, actions/s, errors, lost, …
        let throughput = try #require(rows.first { $0.count > 7 && $0[1] == "normal" }, "\(result.stdout)")
        #expect(Int(throughput[4]) ?? 0 > 0 && throughput[6] == "0" && throughput[7] == "0", "\(throughput)")
    }

    @Test("bench live --db records into PostgreSQL: the same figures, every acknowledged action in its record")
    func livePostgres() throws {
        let cluster = try PostgresCluster.shared()
        let url = cluster.url(try cluster.database("bench_live"))
        let result = try CLI.run(["bench", "live", "--players", "3", "--roles", "2", "--clients", "3", "--seconds", "0.5", "--db", url])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = Self.rows(result.stdout)
        let delivery = try #require(rows.first { $0.first == "1 server, PostgreSQL" && $0.count > 7 && $0[1] == "3" }, "\(result.stdout)")
        #expect(delivery[6] == "3 of 3" && delivery[7] == "0", "\(delivery)")
        let throughput = try #require(rows.first { $0.count > 7 && $0[1] == "PostgreSQL's" }, "\(result.stdout)")
        #expect(Int(throughput[4]) ?? 0 > 0 && throughput[6] == "0" && throughput[7] == "0", "\(throughput)")
        #expect(!result.stdout.contains(PostgresCluster.password))
    }

    @Test("bench live --nodes 2: two servers on PostgreSQL behind nginx, the failover timed, nothing acknowledged lost or doubled")
    func liveCluster() throws {
        let cluster = try PostgresCluster.shared()
        let url = cluster.url(try cluster.database("bench_live_nodes"))
        let result = try CLI.run([
            "bench", "live", "--players", "4", "--roles", "2", "--clients", "4", "--seconds", "0.5", "--db", url,
            "--nodes", "2", "--lease-seconds", "2", "--no-sqlite",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = Self.rows(result.stdout)
        let delivery = try #require(rows.first { $0.first == "2 servers, PostgreSQL, nginx" && $0.count > 7 && $0[1] == "4" }, "\(result.stdout)")
        #expect(delivery[6] == "4 of 4" && delivery[7] == "0", "\(delivery)")
        let throughput = try #require(rows.first { $0.first == "2 servers, PostgreSQL, nginx" && $0.count > 7 && $0[1] == "PostgreSQL's" }, "\(result.stdout)")
        #expect(Int(throughput[4]) ?? 0 > 0 && throughput[6] == "0" && throughput[7] == "0", "\(throughput)")
        // kill → first event, minus the lease, kill → next inject, acknowledged, lost, doubled, refused, no answer
        let header = try #require(rows.firstIndex { $0.first == "kill → successor's first event" }, "\(result.stdout)")
        let failover = rows[header + 1]
        #expect(failover.count == 8, "\(failover)")
        let seconds = Double(failover[0].replacingOccurrences(of: " ms", with: "")).map { $0 / 1000 }
        #expect(seconds.map { $0 > 0 && $0 < 2 + 10 } == true, "the successor's first event within 10 s of the lease: \(failover)")
        #expect(Int(failover[3]) ?? 0 > 0 && failover[4] == "0" && failover[5] == "0", "acknowledged, none lost, none doubled: \(failover)")
        #expect(!rows.contains { $0.first == "1 server, SQLite" }, "--no-sqlite")
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

