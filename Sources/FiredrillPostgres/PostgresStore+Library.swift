import FiredrillStore
import Foundation
import PostgresNIO

/// The scenario library. Which version a save makes, and when it is a conflict, are the
/// store's rules (``FiredrillStore/ScenarioVersion/next(scenarioID:title:language:source:sha256:baseVersion:latest:at:)``),
/// shared with the SQLite store; here is only SQL.
extension PostgresStore {
    static let scenarioVersionColumns = "scenario_id, version, source, sha256, title, language, saved_at"

    /// Saves `source` as the next version of `scenarioID` in one transaction, or refuses with
    /// a `versionConflict` naming the latest version.
    ///
    /// Two servers saving the same scenario at once both read the same latest version; the
    /// primary key `(scenario_id, version)` lets one insert it. The other's insert waits for
    /// the first to commit and then inserts nothing (`ON CONFLICT DO NOTHING`), reads the
    /// latest version again and is refused as a save that did not start from it.
    public func saveScenarioVersion(
        scenarioID: String, title: String, language: String, source: String, sha256: String, baseVersion: Int?, at date: Date = Date()
    ) throws -> ScenarioVersion {
        try transaction { transaction in
            let latest = try Self.latestVersion(transaction, scenarioID: scenarioID)
            let saved = try ScenarioVersion.next(
                scenarioID: scenarioID, title: title, language: language, source: source, sha256: sha256,
                baseVersion: baseVersion, latest: latest, at: date
            )
            let inserted = try transaction.query("""
                INSERT INTO scenario_version (scenario_id, version, source, sha256, title, language, saved_at)
                VALUES (\(saved.scenarioID), \(saved.version), \(saved.source), \(saved.sha256), \(saved.title),
                        \(saved.language), \(saved.savedAt))
                ON CONFLICT (scenario_id, version) DO NOTHING
                RETURNING version
                """)
            guard !inserted.isEmpty else {
                // Another save took this version number since `latest` was read.
                throw ScenarioVersion.conflict(
                    scenarioID: scenarioID, latest: try Self.latestVersion(transaction, scenarioID: scenarioID), base: baseVersion
                )
            }
            return saved
        }
    }

    /// Every version of a scenario, oldest first; empty when the library has none.
    public func scenarioVersions(scenarioID: String) throws -> [ScenarioVersion] {
        try query("SELECT \(unescaped: Self.scenarioVersionColumns) FROM scenario_version WHERE scenario_id = \(scenarioID) ORDER BY version")
            .map(Self.scenarioVersion)
    }

    /// One version, or the latest when `version` is `nil`; `nil` when there is no such version.
    public func scenarioVersion(scenarioID: String, version: Int?) throws -> ScenarioVersion? {
        let statement: PostgresQuery = if let version {
            "SELECT \(unescaped: Self.scenarioVersionColumns) FROM scenario_version WHERE scenario_id = \(scenarioID) AND version = \(version)"
        } else {
            "SELECT \(unescaped: Self.scenarioVersionColumns) FROM scenario_version WHERE scenario_id = \(scenarioID) ORDER BY version DESC LIMIT 1"
        }
        return try query(statement).first.map(Self.scenarioVersion)
    }

    /// The latest version of every scenario in the library, by id (in SQLite's byte order).
    public func latestScenarioVersions() throws -> [ScenarioVersion] {
        try query("""
            SELECT DISTINCT ON (scenario_id COLLATE "C") \(unescaped: Self.scenarioVersionColumns) FROM scenario_version
            ORDER BY scenario_id COLLATE "C", version DESC
            """).map(Self.scenarioVersion)
    }

    // MARK: Rows

    private static func latestVersion(_ transaction: Transaction, scenarioID: String) throws -> Int? {
        try transaction.query("SELECT MAX(version) FROM scenario_version WHERE scenario_id = \(scenarioID)")[0].decode(Int?.self)
    }

    /// A version from its row (``scenarioVersionColumns``), by its coding keys.
    private static func scenarioVersion(_ row: PostgresRow) throws -> ScenarioVersion {
        try RowDecoder.decode(ScenarioVersion.self, from: row)
    }
}
