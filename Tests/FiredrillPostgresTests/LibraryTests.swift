import FiredrillCore
import FiredrillPostgres
import FiredrillSQLite
import FiredrillStore
import FiredrillTestSupport
import Foundation
import Synchronization
import Testing

/// The scenario library in PostgreSQL: versions numbered and refused as SQLite does (the same
/// `versionConflict`s, word for word), and two servers saving at once never both given the
/// same version.
@Suite("PostgreSQL: the scenario library, as SQLite keeps it", .serialized)
struct LibraryTests {
    static let epoch = Date(timeIntervalSince1970: 1_795_320_062)

    /// The steps of `ScenarioLibraryStoreTests`, and more, on one store: each step's outcome.
    func transcript(_ store: some LibraryStoreUnderTest) -> [String] {
        var lines: [String] = []
        func save(_ id: String, _ source: String, base: Int?, at seconds: Double = 0) {
            let outcome = ParityStores.outcome {
                try store.saveScenarioVersion(
                    scenarioID: id, title: "T \(id)", language: "ja", source: source, sha256: EventChain.sha256Hex(source),
                    baseVersion: base, at: Self.epoch.addingTimeInterval(seconds)
                )
            }
            lines.append("save \(id) from \(base.map(String.init) ?? "nil"): \(outcome)")
        }
        func read<T>(_ title: String, _ body: () throws -> T) {
            lines.append("\(title): \(ParityStores.outcome(body))")
        }
        save("a", "one\r\n", base: nil)
        save("a", "two", base: 1, at: 60.5)
        save("b", "other", base: nil)
        for base in [nil, 1, 3] as [Int?] { save("a", "lost", base: base) }
        save("new", "x", base: 1)
        save("", "empty id", base: nil)
        // Ids whose byte order is not a dictionary's.
        for id in ["Zulu", "zulu", "_under", "Ärger", "a-2", "a.1", "ä", "10", "9"] { save(id, "src \(id)", base: nil) }
        save("zulu", "zulu 2", base: 1)
        read("versions of a") { try store.scenarioVersions(scenarioID: "a") }
        read("versions of zzz") { try store.scenarioVersions(scenarioID: "zzz") }
        read("latest of a") { try store.scenarioVersion(scenarioID: "a", version: nil) }
        read("a@1") { try store.scenarioVersion(scenarioID: "a", version: 1) }
        read("a@5") { try store.scenarioVersion(scenarioID: "a", version: 5) }
        read("a@0") { try store.scenarioVersion(scenarioID: "a", version: 0) }
        read("latest of zzz") { try store.scenarioVersion(scenarioID: "zzz", version: nil) }
        read("latest of every scenario") { try store.latestScenarioVersions().map { "\($0.scenarioID)@\($0.version)" } }
        read("latest of every scenario, whole") { try store.latestScenarioVersions() }
        return lines
    }

    @Test("versions count from 1; a save must start from the latest; conflicts save nothing; the same on both stores")
    func sameAsSQLite() throws {
        let sqlite = transcript(try AppDatabase.inMemory())
        let store = try ParityStores.postgres("library_parity")
        defer { try? store.close() }
        let postgres = transcript(store)
        #expect(postgres.count == sqlite.count)
        for (expected, actual) in zip(sqlite, postgres) { #expect(actual == expected) }
        let conflicts = [
            "save a from nil: refused versionConflict: the library has a scenario 'a' already (version 2); save it as a new version of that one (PUT with base_version 2), or give the new scenario another id",
            "save a from 1: refused versionConflict: version 1 of 'a' is not the latest: version 2 was saved since; open version 2, make your changes there and save again",
            "save a from 3: refused versionConflict: version 3 of 'a' is not the latest: version 2 was saved since; open version 2, make your changes there and save again",
            "save new from 1: refused versionConflict: the library has no scenario 'new' to save a new version of; save it as a new scenario",
        ]
        for conflict in conflicts { #expect(sqlite.contains(conflict)) }
        let latest = try store.latestScenarioVersions().map { "\($0.scenarioID)@\($0.version)" }
        #expect(latest == ["@1", "10@1", "9@1", "Zulu@1", "_under@1", "a@2", "a-2@1", "a.1@1", "b@1", "zulu@2", "Ärger@1", "ä@1"])
        let versions = try store.scenarioVersions(scenarioID: "a")
        #expect(versions.map(\.source) == ["one\r\n", "two"] && versions[1].savedAt == "2026-11-22T04:02:02.500Z")
    }

    @Test("servers saving the same scenario at once: exactly one wins, the others get SQLite's versionConflict")
    func concurrentSaves() throws {
        let cluster = try PostgresCluster.shared()
        let address = try PostgresAddress(url: cluster.url(try cluster.database("library_race")))
        let stores = try (0..<8).map { _ in try PostgresStore.open(address) }
        defer { for store in stores { try? store.close() } }
        for (scenario, base) in [("fresh", nil), ("race", 1)] as [(String, Int?)] {
            if base != nil {
                _ = try stores[0].saveScenarioVersion(scenarioID: scenario, title: "t", language: "en", source: "base", sha256: "x", baseVersion: nil, at: Date())
            }
            let outcomes = Mutex<[ParityStores.Outcome<Int>]>([])
            DispatchQueue.concurrentPerform(iterations: stores.count) { writer in
                let outcome = ParityStores.outcome {
                    try stores[writer].saveScenarioVersion(
                        scenarioID: scenario, title: "t", language: "en", source: "w\(writer)", sha256: "x", baseVersion: base, at: Date()
                    ).version
                }
                outcomes.withLock { $0.append(outcome) }
            }
            let all = outcomes.withLock { $0 }
            let next = (base ?? 0) + 1
            #expect(all.filter { $0 == .value(next) }.count == 1, "\(all)")
            let refusal = StoreError(.versionConflict, base == nil
                ? "the library has a scenario '\(scenario)' already (version 1); save it as a new version of that one (PUT with base_version 1), or give the new scenario another id"
                : "version 1 of '\(scenario)' is not the latest: version 2 was saved since; open version 2, make your changes there and save again")
            #expect(all.filter { $0 == .refused(refusal) }.count == stores.count - 1, "\(all)")
            #expect(try stores[0].scenarioVersions(scenarioID: scenario).map(\.version) == Array(1...next))
        }
    }

    @Test("a save that read the latest version before another server's save of the same number committed is refused as SQLite refuses it")
    func lostRace() async throws {
        let cluster = try PostgresCluster.shared()
        let name = try cluster.database("library_lost_race")
        let store = try PostgresStore.open(try PostgresAddress(url: cluster.url(name)))
        defer { try? store.close() }
        _ = try store.saveScenarioVersion(scenarioID: "race", title: "t", language: "en", source: "v1", sha256: "x", baseVersion: nil, at: Self.epoch)
        // Another server's save of version 2, not yet committed while this one reads and inserts.
        let other = Task.detached {
            try cluster.sql("""
                BEGIN; INSERT INTO scenario_version (scenario_id, version, source, sha256, title, language, saved_at) \
                VALUES ('race', 2, 'theirs', 'x', 't', 'en', '2026-11-22T04:01:02.000Z'); SELECT pg_sleep(4); COMMIT;
                """, database: name)
        }
        // Wait until the other session has inserted and holds its transaction open (it is in
        // pg_sleep), however slow the machine: a condition, not a time.
        let deadline = ContinuousClock.now + .seconds(30)
        while try cluster.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(name)' AND query LIKE '%pg_sleep(4)%' AND wait_event = 'PgSleep'")
            .trimmingCharacters(in: .whitespacesAndNewlines) == "0" {
            try #require(ContinuousClock.now < deadline, "the other session never reached its open transaction")
        }
        let outcome = ParityStores.outcome {
            try store.saveScenarioVersion(scenarioID: "race", title: "t", language: "en", source: "mine", sha256: "x", baseVersion: 1, at: Self.epoch)
        }
        _ = try await other.value
        #expect(outcome == .refused(StoreError(.versionConflict, "version 1 of 'race' is not the latest: version 2 was saved since; open version 2, make your changes there and save again")))
        #expect(try store.scenarioVersions(scenarioID: "race").map(\.source) == ["v1", "theirs"])
    }
}

/// The methods of the library's part of the store, as both stores have them.
protocol LibraryStoreUnderTest: AnyObject {
    func saveScenarioVersion(
        scenarioID: String, title: String, language: String, source: String, sha256: String, baseVersion: Int?, at date: Date
    ) throws -> ScenarioVersion
    func scenarioVersions(scenarioID: String) throws -> [ScenarioVersion]
    func scenarioVersion(scenarioID: String, version: Int?) throws -> ScenarioVersion?
    func latestScenarioVersions() throws -> [ScenarioVersion]
}

extension AppDatabase: LibraryStoreUnderTest {}
extension PostgresStore: LibraryStoreUnderTest {}
