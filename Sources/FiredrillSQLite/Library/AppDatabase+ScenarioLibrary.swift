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
            guard latest == baseVersion else {
                throw StoreError(.versionConflict, Self.conflict(scenarioID: scenarioID, latest: latest, base: baseVersion))
            }
            let saved = ScenarioVersion(
                scenarioID: scenarioID, version: (latest ?? 0) + 1, source: source, sha256: sha256, title: title,
                language: language, savedAt: Timestamp.string(from: date)
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

extension AppDatabase {
    /// Why a save was refused, for the trainer: the latest version to start from.
    static func conflict(scenarioID: String, latest: Int?, base: Int?) -> String {
        switch (latest, base) {
        case (let latest?, nil):
            "the library has a scenario '\(scenarioID)' already (version \(latest)); save it as a new version of that one (PUT with base_version \(latest)), or give the new scenario another id"
        case (nil, _?):
            "the library has no scenario '\(scenarioID)' to save a new version of; save it as a new scenario"
        case (let latest?, let base?):
            "version \(base) of '\(scenarioID)' is not the latest: version \(latest) was saved since; open version \(latest), make your changes there and save again"
        case (nil, nil):
            "cannot save '\(scenarioID)'"
        }
    }
}
