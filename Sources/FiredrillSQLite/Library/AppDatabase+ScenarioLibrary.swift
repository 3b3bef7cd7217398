import FiredrillStore
import Foundation
import GRDB

extension ScenarioVersion: FetchableRecord, PersistableRecord, TableRecord {
    public static let databaseTableName = "scenario_version"
    public static let databaseColumnDecodingStrategy = ColumnNaming.decoding
    public static let databaseColumnEncodingStrategy = ColumnNaming.encoding
}

extension AppDatabase {
    public func saveScenarioVersion(
        scenarioID: String, title: String, language: String, source: String, sha256: String, baseVersion: Int?, at date: Date = Date()
    ) throws -> ScenarioVersion {
        try write { db in
            let latest = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM scenario_version WHERE scenario_id = ?", arguments: [scenarioID])
            let saved = try ScenarioVersion.next(
                scenarioID: scenarioID, title: title, language: language, source: source, sha256: sha256,
                baseVersion: baseVersion, latest: latest, at: date
            )
            try saved.insert(db)
            return saved
        }
    }

    public func scenarioVersions(scenarioID: String) throws -> [ScenarioVersion] {
        try read { db in
            try ScenarioVersion.filter(Column("scenario_id") == scenarioID).order(Column("version")).fetchAll(db)
        }
    }

    public func scenarioVersion(scenarioID: String, version: Int?) throws -> ScenarioVersion? {
        try read { db in
            let versions = ScenarioVersion.filter(Column("scenario_id") == scenarioID)
            if let version { return try versions.filter(Column("version") == version).fetchOne(db) }
            return try versions.order(Column("version").desc).fetchOne(db)
        }
    }

    public func latestScenarioVersions() throws -> [ScenarioVersion] {
        try read { db in
            try ScenarioVersion.fetchAll(db, sql: """
                SELECT v.* FROM scenario_version v
                WHERE v.version = (SELECT MAX(version) FROM scenario_version WHERE scenario_id = v.scenario_id)
                ORDER BY v.scenario_id
                """)
        }
    }
}
