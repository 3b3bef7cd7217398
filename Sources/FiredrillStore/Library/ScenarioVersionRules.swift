import Foundation

// The rules of saving to the scenario library, whichever database keeps it: a backend reads
// the scenario's latest version inside its write transaction, asks for the version to save
// (or the conflict), and inserts it in the same transaction.

extension ScenarioVersion {
    /// The version a save makes: 1 when `baseVersion` is `nil` and the library has no such
    /// scenario (`latest` is `nil`), else `baseVersion + 1` when `baseVersion` is `latest`.
    /// Anything else is a `versionConflict` naming the latest version.
    package static func next(
        scenarioID: String, title: String, language: String, source: String, sha256: String,
        baseVersion: Int?, latest: Int?, at date: Date
    ) throws(StoreError) -> ScenarioVersion {
        guard latest == baseVersion else { throw conflict(scenarioID: scenarioID, latest: latest, base: baseVersion) }
        return ScenarioVersion(
            scenarioID: scenarioID, version: (latest ?? 0) + 1, source: source, sha256: sha256, title: title,
            language: language, savedAt: Timestamp.string(from: date)
        )
    }

    /// Why a save was refused, for the trainer: the latest version to start from.
    package static func conflict(scenarioID: String, latest: Int?, base: Int?) -> StoreError {
        let message = switch (latest, base) {
        case (let latest?, nil):
            "the library has a scenario '\(scenarioID)' already (version \(latest)); save it as a new version of that one (PUT with base_version \(latest)), or give the new scenario another id"
        case (nil, _?):
            "the library has no scenario '\(scenarioID)' to save a new version of; save it as a new scenario"
        case (let latest?, let base?):
            "version \(base) of '\(scenarioID)' is not the latest: version \(latest) was saved since; open version \(latest), make your changes there and save again"
        case (nil, nil):
            "cannot save '\(scenarioID)'"
        }
        return StoreError(.versionConflict, message)
    }
}
