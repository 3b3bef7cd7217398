import FiredrillCore
import FiredrillStore
import FiredrillYAML
import Foundation

/// Rebuilds a run's report from what the database holds: the exact scenario source and the
/// event log. This is the only way reports of recorded runs are made, so the report written
/// at the end of a drill, `firedrill show` and the server's report agree byte for byte.
public struct StoredReport: Sendable {
    public let run: StoredRun
    public let scenario: Scenario
    public let events: [DrillEvent]
    public let report: DrillReport

    /// Throws ``StoreError`` (no such run, unreadable events) or ``StoredScenarioError``.
    public init(_ database: AppDatabase, runID: String) throws {
        let run = try database.run(id: runID)
        let scenario = try Self.scenario(of: run)
        let events = try database.events(runID: run.id)
        var record = try database.recordInfo(runID: run.id)
        record.status = Self.displayStatus(of: run, databasePath: database.path).rawValue
        self.run = run
        self.scenario = scenario
        self.events = events
        report = DrillReport(scenario: scenario, events: events, mode: run.mode, record: record)
    }

    /// The run's inputs as a replay script, which replays to the same report (without the record).
    public var script: String {
        ReplayScript.export(events: events, scenario: scenario, mode: run.mode, header: [
            "firedrill replay script of run \(run.id), scenario \(run.scenarioID) (SHA-256 \(run.scenarioSHA256))",
            "replay it with the scenario the run stored: firedrill export \(run.id) --out DIR writes both",
        ])
    }

    /// The scenario a run was played from, parsed from the stored source.
    public static func scenario(of run: StoredRun) throws(StoredScenarioError) -> Scenario {
        var limits = ValidationLimits()
        limits.maximumFileBytes = max(limits.maximumFileBytes, run.scenarioSource.utf8.count)
        let loaded = ScenarioLoader(limits: limits).load(data: Data(run.scenarioSource.utf8), path: run.scenarioPath)
        guard let scenario = loaded.scenario else {
            throw StoredScenarioError(runID: run.id, problems: loaded.formattedDiagnostics)
        }
        return scenario
    }

    /// `running` only while a process plays the run; a run whose process died is `interrupted`.
    public static func displayStatus(of run: StoredRun, databasePath: String) -> RunStatus {
        displayStatus(run.status, runID: run.id, databasePath: databasePath)
    }

    public static func displayStatus(_ status: RunStatus, runID: String, databasePath: String) -> RunStatus {
        if status == .running, !RunLock.isHeld(databasePath: databasePath, runID: runID) { return .interrupted }
        return status
    }
}

/// A stored scenario that no longer validates (this firedrill is stricter than the one that
/// recorded it, or the record was changed).
public struct StoredScenarioError: Error, Sendable, CustomStringConvertible {
    public var runID: String
    public var problems: [String]

    public var description: String {
        "run \(runID): its stored scenario no longer validates:\n" + problems.joined(separator: "\n")
    }
}
