import FiredrillCore
import FiredrillScenarios
import FiredrillStore
import FiredrillWire
import FiredrillYAML
import HTTPTypes
import Foundation

/// The scenarios a server offers: the bundled ones (version 1 of each, shipped with the
/// binary) and the library's, saved by trainers in the store, every save a new version.
/// A drill is created from one exact version and keeps its source in its own record.
struct ScenarioLibrary: Sendable {
    let database: any DrillStore

    /// A bundled scenario file as loaded once per process.
    struct Bundled: Sendable {
        var name: String
        var scenario: Scenario
        var source: String
        var sha256: String
    }

    static let bundled: [Bundled] = {
        let loader = ScenarioLoader()
        return BundledScenarios.all().compactMap { entry in
            let loaded = loader.load(path: entry.path)
            guard let scenario = loaded.scenario, let source = loaded.source else { return nil }
            return Bundled(name: entry.name, scenario: scenario, source: source, sha256: EventChain.sha256Hex(source))
        }
    }()

    /// The bundled scenario called `name` (its file's name), else the one whose id is `name`
    /// (the English file first: its name is its id).
    static func bundled(_ name: String) -> Bundled? {
        bundled.first { $0.name == name } ?? bundled.first { $0.scenario.id == name }
    }

    /// A scenario as a drill starts from it.
    struct Resolved: Sendable {
        var scenario: Scenario
        var source: String
        /// How the run's record names where it came from: `library:ID@N`, `bundled:NAME`.
        var path: String
    }

    /// `{"scenario": name, "version": version}` of `POST /api/v1/drills`: the library's
    /// scenario `name` (its latest version, or `version`), else the bundled one. Problems are
    /// told in `language`.
    func resolve(_ name: String, version: Int?, language: Language = .english) throws -> Resolved {
        if let saved = try database.scenarioVersion(scenarioID: name, version: version) {
            let loaded = ScenarioLoader().load(data: Data(saved.source.utf8), path: "library:\(saved.scenarioID)@\(saved.version)")
            guard let scenario = loaded.scenario else {
                // Saved versions were valid when saved; a newer firedrill may check more.
                let summary = ValidationMessage(.savedVersionInvalid, ["version": .verbatim("\(saved.version)"), "name": .verbatim(name)])
                throw APIError.invalid("invalid_scenario", summary.text(in: language), problems: loaded.formattedDiagnostics(in: language))
            }
            return Resolved(scenario: scenario, source: saved.source, path: loaded.path)
        }
        let versions = try database.scenarioVersions(scenarioID: name)
        if let version, !versions.isEmpty || (version != 1 && Self.bundled(name) != nil) {
            let known = versions.isEmpty ? "it has no saved versions" : "its versions are 1 to \(versions.count)"
            throw APIError.invalid("unknown_version", "the library's scenario '\(name.prefix(80))' has no version \(version); \(known)")
        }
        guard let bundled = Self.bundled(name) else {
            let names = (try database.latestScenarioVersions().map(\.scenarioID) + Self.bundled.map(\.name)).joined(separator: ", ")
            throw APIError.invalid("unknown_scenario", "there is no scenario '\(name.prefix(80))' in the library or bundled; there are: \(names)")
        }
        return Resolved(scenario: bundled.scenario, source: bundled.source, path: "bundled:\(bundled.name)")
    }

    /// Every scenario a drill can start from: the library's (latest versions), then the bundled ones.
    func list() throws -> [ScenarioList.Item] {
        var items: [ScenarioList.Item] = []
        for saved in try database.latestScenarioVersions() {
            let loaded = ScenarioLoader().load(data: Data(saved.source.utf8), path: "library")
            items.append(ScenarioList.Item(
                name: saved.scenarioID, id: saved.scenarioID, title: saved.title, language: saved.language,
                durationSeconds: loaded.scenario?.duration.seconds ?? 0, tags: loaded.scenario?.tags ?? [],
                source: "library", version: saved.version, updatedAt: saved.savedAt
            ))
        }
        for bundled in Self.bundled {
            items.append(ScenarioList.Item(
                name: bundled.name, id: bundled.scenario.id, title: bundled.scenario.title, language: bundled.scenario.language,
                durationSeconds: bundled.scenario.duration.seconds, tags: bundled.scenario.tags,
                source: "bundled", version: 1, updatedAt: nil
            ))
        }
        return items
    }

    /// A scenario with its versions: the library's (version `version`, else the latest), else
    /// the bundled one as version 1.
    func document(_ name: String, version: Int?) throws -> ScenarioDocument {
        let versions = try database.scenarioVersions(scenarioID: name)
        if !versions.isEmpty {
            let list = versions.map { ScenarioDocument.Version(version: $0.version, savedAt: $0.savedAt, sha256: $0.sha256) }
            guard let chosen = version.map({ wanted in versions.first { $0.version == wanted } }) ?? versions.last else {
                throw APIError(.notFound, "version_not_found", "'\(name.prefix(80))' has no version \(version ?? 0); its versions are 1 to \(versions.count)")
            }
            return ScenarioDocument(
                id: chosen.scenarioID, title: chosen.title, language: chosen.language, origin: "library",
                version: chosen.version, sha256: chosen.sha256, source: chosen.source, versions: list
            )
        }
        guard let bundled = Self.bundled(name) else {
            throw APIError(.notFound, "scenario_not_found", "there is no scenario '\(name.prefix(80))' in the library or bundled (GET /api/v1/scenarios lists them)")
        }
        guard version == nil || version == 1 else {
            throw APIError(.notFound, "version_not_found", "'\(name.prefix(80))' is bundled and has only version 1")
        }
        return ScenarioDocument(
            id: bundled.scenario.id, title: bundled.scenario.title, language: bundled.scenario.language, origin: "bundled",
            version: 1, sha256: bundled.sha256, source: bundled.source,
            versions: [.init(version: 1, savedAt: nil, sha256: bundled.sha256)]
        )
    }

    /// Saves `source` in the library: a new scenario (`id` and `baseVersion` `nil`), or the
    /// next version of scenario `id` from `baseVersion`. A bundled scenario saved under its
    /// id for the first time is copied into the library first, as version 1, so that the
    /// versions show what the trainer changed. Problems and warnings are told in `language`.
    func save(source: String, id: String?, baseVersion: Int?, at date: Date, language: Language = .english) throws -> SavedScenarioResponse {
        let label = id.map { "scenarios/\($0)" } ?? "new scenario"
        let loaded = ScenarioLoader().load(data: Data(source.utf8), path: label)
        guard let scenario = loaded.scenario, let text = loaded.source else {
            let problems = loaded.formattedDiagnostics(in: language)
            let summary = ValidationMessage(problems.count == 1 ? .saveProblem : .saveProblems, ["count": .verbatim("\(problems.count)")])
            throw APIError.invalid("invalid_scenario", summary.text(in: language), problems: problems)
        }
        if let id, scenario.id != id {
            throw APIError.invalid("id_mismatch", "the scenario's id is '\(scenario.id.prefix(80))' but it is saved as '\(id.prefix(80))'; keep the id, or save it as a new scenario (POST /api/v1/scenarios)")
        }
        if id != nil, baseVersion == nil {
            throw APIError.invalid("missing_base_version", "give 'base_version': the version your changes start from (GET /api/v1/scenarios/\(scenario.id) says the latest)")
        }
        let inLibrary = try !database.scenarioVersions(scenarioID: scenario.id).isEmpty
        // The bundled file of the same id and language (the English and Japanese files of a drill share its id).
        let sameID = inLibrary ? [] : Self.bundled.filter { $0.scenario.id == scenario.id }
        let bundled = sameID.first { $0.scenario.language == scenario.language } ?? sameID.first
        switch (id, bundled) {
        case (nil, .some):
            throw APIError.conflict("scenario_exists", "a bundled scenario has the id '\(scenario.id)'; save your changes as its next version (PUT /api/v1/scenarios/\(scenario.id) with base_version 1), or give the new scenario another id")
        case (.some, .some) where baseVersion != 1:
            throw APIError.conflict("version_conflict", "'\(scenario.id)' is a bundled scenario, version 1, not yet saved in the library; save your changes with base_version 1")
        case (.some, nil) where !inLibrary:
            throw APIError(.notFound, "scenario_not_found", "there is no scenario '\(scenario.id.prefix(80))' to save a new version of; save it as a new scenario (POST /api/v1/scenarios)")
        default:
            break
        }
        do {
            if let bundled {
                _ = try database.saveScenarioVersion(
                    scenarioID: scenario.id, title: bundled.scenario.title, language: bundled.scenario.language,
                    source: bundled.source, sha256: bundled.sha256, baseVersion: nil, at: date
                )
            }
            let saved = try database.saveScenarioVersion(
                scenarioID: scenario.id, title: scenario.title, language: scenario.language, source: text,
                sha256: EventChain.sha256Hex(text), baseVersion: baseVersion, at: date
            )
            let warnings = loaded.diagnostics.sorted.filter { $0.severity == .warning }.map { $0.formatted(path: label, language: language) }
            return SavedScenarioResponse(id: saved.scenarioID, version: saved.version, sha256: saved.sha256, warnings: warnings)
        } catch let error as StoreError where error.code == .versionConflict {
            throw APIError.conflict(id == nil ? "scenario_exists" : "version_conflict", error.message)
        }
    }

    /// The unified diff between two versions of one scenario.
    func diff(_ name: String, from: Int, to: Int) throws -> ScenarioDiffDocument {
        let old = try document(name, version: from)
        let new = try document(name, version: to)
        let diff = LineDiff(from: old.source, to: new.source)
        return ScenarioDiffDocument(
            id: new.id, from: from, to: to, added: diff.added, removed: diff.removed,
            diff: diff.unified(fromName: "\(new.id) version \(from)", toName: "\(new.id) version \(to)")
        )
    }
}
