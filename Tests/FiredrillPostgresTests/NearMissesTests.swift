import FiredrillCore
import FiredrillPostgres
import FiredrillSQLite
import FiredrillStore
import FiredrillTestSupport
import Foundation
import Testing

/// The near-miss register in PostgreSQL: the same entries (trimmed, tags without repeats,
/// anonymous without a name), the same picks and the same refusals as SQLite.
@Suite("PostgreSQL: the near-miss register, as SQLite keeps it", .serialized)
struct NearMissesTests {
    static let epoch = Date(timeIntervalSince1970: 1_795_320_062)

    static func submission(
        _ title: String, tags: [String] = ["Backup"], impact: Int = 3, occurredOn: String = "2026-11-20", anonymous: Bool = true, name: String? = nil,
        whatHappened: String = "The nightly backup\r\nwas not taken.  "
    ) -> NearMiss.Submission {
        NearMiss.Submission(title: title, whatHappened: whatHappened, tags: tags, impact: impact, occurredOn: occurredOn, anonymous: anonymous, name: name)
    }

    /// The register's scenario on one store: each step's outcome.
    func transcript(_ store: some NearMissStoreUnderTest) -> [String] {
        var lines: [String] = []
        func step<T>(_ title: String, _ body: () throws -> T) {
            lines.append("\(title): \(ParityStores.outcome(body))")
        }
        step("add anonymous") { try store.addNearMiss(Self.submission("  Backup skipped  ", name: "   "), reportedOn: "2026-11-21") }
        step("add named") {
            try store.addNearMiss(Self.submission("Wrong recipient", tags: ["Mail", "ＭＡＩＬ", " mail ", "誤送信", "ｶﾅ"], impact: 5, anonymous: false, name: "  亜矢 "), reportedOn: "2026-11-21")
        }
        step("add without tags") { try store.addNearMiss(Self.submission("No tags", tags: [], impact: 1), reportedOn: "2026-12-01") }
        step("add named, name given anonymous") { try store.addNearMiss(Self.submission("Anon with name", name: "Bob"), reportedOn: "2026-11-21") }
        step("add not anonymous without name") { try store.addNearMiss(Self.submission("No name", anonymous: false), reportedOn: "2026-11-21") }
        step("add impact 6") { try store.addNearMiss(Self.submission("Too bad", impact: 6), reportedOn: "2026-11-21") }
        step("add empty title") { try store.addNearMiss(Self.submission(" \n "), reportedOn: "2026-11-21") }
        step("add in the future") { try store.addNearMiss(Self.submission("Later", occurredOn: "2026-11-25"), reportedOn: "2026-11-21") }
        step("add a day ahead") { try store.addNearMiss(Self.submission("Time zones", occurredOn: "2026-11-22"), reportedOn: "2026-11-21") }
        step("add on a bad day") { try store.addNearMiss(Self.submission("Bad day"), reportedOn: "2026-11-31T00:00:00Z-and-more") }
        step("add with nine tags") { try store.addNearMiss(Self.submission("Tags", tags: (1...9).map { "t\($0)" }), reportedOn: "2026-11-21") }
        step("add with a control character") { try store.addNearMiss(Self.submission("Bell\u{07}"), reportedOn: "2026-11-21") }
        for index in 0..<20 {
            step("add #\(index)") {
                try store.addNearMiss(Self.submission("Entry \(index)", tags: ["t\(index % 3)", "shared"], impact: 1 + index % 5), reportedOn: "2026-12-0\(1 + index % 9)")
            }
        }
        step("every entry") { try store.nearMisses() }
        step("facts") { try store.nearMissFacts() }
        step("no ids") { try store.nearMisses(ids: []) }
        step("some ids") { try store.nearMisses(ids: [3, 1, 99, 1, -4]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } }
        step("many ids") {
            try store.nearMisses(ids: (0..<1_300).map { Int64($0 % 40) }).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.title)" }
        }
        step("pick in a bad month") { try store.pickMostValuableNearMiss(month: "2026-13", id: 1, at: Self.epoch) }
        step("pick in a month written long") { try store.pickMostValuableNearMiss(month: "2026-11-01 and much more text", id: nil, at: Self.epoch) }
        step("pick no entry") { try store.pickMostValuableNearMiss(month: "2026-11", id: 999, at: Self.epoch) }
        step("pick") { try store.pickMostValuableNearMiss(month: "2026-11", id: 1, at: Self.epoch) }
        step("pick another month") { try store.pickMostValuableNearMiss(month: "2026-12", id: 3, at: Self.epoch) }
        step("picks") { try store.mostValuableNearMisses().sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } }
        step("pick again") { try store.pickMostValuableNearMiss(month: "2026-11", id: 2, at: Self.epoch.addingTimeInterval(5)) }
        step("unpick") { try store.pickMostValuableNearMiss(month: "2026-12", id: nil, at: Self.epoch) }
        step("unpick a month without pick") { try store.pickMostValuableNearMiss(month: "2027-01", id: nil, at: Self.epoch) }
        step("picks after") { try store.mostValuableNearMisses().sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } }
        return lines
    }

    @Test("entries, facts, lookups by id and monthly picks: the same on both stores, refusals word for word")
    func sameAsSQLite() throws {
        let sqlite = transcript(try AppDatabase.inMemory())
        let store = try ParityStores.postgres("near_miss_parity")
        defer { try? store.close() }
        let postgres = transcript(store)
        #expect(postgres.count == sqlite.count)
        for (expected, actual) in zip(sqlite, postgres) { #expect(actual == expected) }

        // What the stores agree on is what the register should hold.
        let entries = try store.nearMisses()
        #expect(entries.count == 24)
        #expect(entries[0] == NearMiss(id: 1, title: "Backup skipped", whatHappened: "The nightly backup\nwas not taken.", tags: ["Backup"],
                                       impact: 3, occurredOn: "2026-11-20", name: nil, reportedOn: "2026-11-21"))
        #expect(entries[1].tags == ["Mail", "誤送信", "ｶﾅ"] && entries[1].name == "亜矢")
        #expect(entries[2].tags == [] && entries[3].title == "Time zones")
        #expect(try store.nearMissFacts()[1] == NearMiss(id: 2, title: "", whatHappened: "", tags: ["Mail", "誤送信", "ｶﾅ"], impact: 5,
                                                         occurredOn: "2026-11-20", name: nil, reportedOn: "2026-11-21"))
        #expect(try store.mostValuableNearMisses() == ["2026-11": 2])
        #expect(sqlite.contains("add on a bad day: refused invalidInput: the report day '2026-11-31T00:00:00Z' is not a date written yyyy-MM-dd"))
        #expect(sqlite.contains("pick in a month written long: refused invalidInput: the month '2026-11-01 and much ' is not written yyyy-MM"))
        #expect(sqlite.contains("pick no entry: refused invalidInput: there is no near miss 999"))
        #expect(sqlite.contains { $0.hasPrefix("add impact 6: refused invalidInput: 'impact': 6 is not 1 (minor) to 5 (severe)") })
    }

    @Test("an entry picked is kept until unpicked; picking an entry removed since is refused as an entry that is not there")
    func pickRemoved() throws {
        let cluster = try PostgresCluster.shared()
        let name = try cluster.database("near_miss_removed")
        let store = try PostgresStore.open(try PostgresAddress(url: cluster.url(name)))
        defer { try? store.close() }
        let entry = try store.addNearMiss(Self.submission("Gone"), reportedOn: "2026-11-21")
        try store.pickMostValuableNearMiss(month: "2026-11", id: entry.id, at: Self.epoch)
        try cluster.sql("DELETE FROM near_miss WHERE id = \(entry.id)", database: name)
        #expect(try store.mostValuableNearMisses() == [:])
        #expect(throws: StoreError.invalidInput("there is no near miss \(entry.id)")) {
            try store.pickMostValuableNearMiss(month: "2026-11", id: entry.id, at: Self.epoch)
        }
        #expect(try store.addNearMiss(Self.submission("Next"), reportedOn: "2026-11-21").id == entry.id + 1)
    }
}

/// The methods of the register's part of the store, as both stores have them.
protocol NearMissStoreUnderTest: AnyObject {
    func addNearMiss(_ submission: NearMiss.Submission, reportedOn: String) throws -> NearMiss
    func nearMisses() throws -> [NearMiss]
    func nearMissFacts() throws -> [NearMiss]
    func nearMisses(ids: [Int64]) throws -> [Int64: NearMiss]
    func pickMostValuableNearMiss(month: String, id: Int64?, at date: Date) throws
    func mostValuableNearMisses() throws -> [String: Int64]
}

extension AppDatabase: NearMissStoreUnderTest {}
extension PostgresStore: NearMissStoreUnderTest {}
