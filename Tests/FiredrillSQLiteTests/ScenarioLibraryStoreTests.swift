import Foundation
@testable import FiredrillStore
@testable import FiredrillSQLite
import Testing

@Suite("The scenario library in the store")
struct ScenarioLibraryStoreTests {
    func save(_ database: AppDatabase, _ id: String, _ source: String, base: Int?) throws -> ScenarioVersion {
        try database.saveScenarioVersion(
            scenarioID: id, title: "T \(id)", language: "ja", source: source, sha256: EventChain.sha256Hex(source),
            baseVersion: base, at: Fixtures.epoch
        )
    }

    @Test("versions count from 1; a save must start from the latest; conflicts save nothing", arguments: StoreKind.allCases)
    func versions(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let database = fixture.database
        #expect(try save(database, "a", "one\r\n", base: nil).version == 1)
        #expect(try save(database, "a", "two", base: 1).version == 2)
        #expect(try save(database, "b", "other", base: nil).version == 1)
        for base in [nil, 1, 3] as [Int?] {
            #expect(throws: StoreError.self) { try save(database, "a", "lost", base: base) }
        }
        #expect(throws: StoreError.self) { try save(database, "new", "x", base: 1) }
        let versions = try database.scenarioVersions(scenarioID: "a")
        #expect(versions.map(\.version) == [1, 2] && versions.map(\.source) == ["one\r\n", "two"])
        #expect(versions[0].sha256 == EventChain.sha256Hex("one\r\n") && versions[0].savedAt == Timestamp.string(from: Fixtures.epoch))
        #expect(try database.scenarioVersion(scenarioID: "a", version: nil)?.version == 2)
        #expect(try database.scenarioVersion(scenarioID: "a", version: 1)?.source == "one\r\n")
        #expect(try database.scenarioVersion(scenarioID: "a", version: 5) == nil)
        #expect(try database.scenarioVersion(scenarioID: "zzz", version: nil) == nil)
        #expect(try database.latestScenarioVersions().map { "\($0.scenarioID)@\($0.version)" } == ["a@2", "b@1"])
    }

    @Test("two writers saving from the same version: exactly one wins", arguments: [StoreKind.onDisk])
    func concurrentSaves(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        _ = try save(fixture.database, "race", "base", base: nil)
        let path = fixture.path
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    let database = try AppDatabase.open(path: path)
                    do {
                        _ = try database.saveScenarioVersion(
                            scenarioID: "race", title: "t", language: "en", source: "w\(writer)", sha256: "x", baseVersion: 1, at: Date()
                        )
                        return true
                    } catch let error as StoreError where error.code == .versionConflict {
                        return false
                    }
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(try fixture.database.scenarioVersions(scenarioID: "race").map(\.version) == [1, 2])
    }
}
