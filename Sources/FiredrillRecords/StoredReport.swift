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
    ///
    /// The report's record says whether the run's hash chain holds (checked now, unless
    /// `checkingChain` is false); what people wrote into the record is reviewed for blame,
    /// with the participants' names replaced (see ``DrillReport/reviewWording(participantNames:)``).
    public init(_ database: any DrillStore, runID: String, checkingChain: Bool = true) throws {
        let run = try database.run(id: runID)
        let scenario = try Self.scenario(of: run)
        let events = try database.events(runID: run.id)
        var record = try database.recordInfo(runID: run.id)
        record.status = Self.displayStatus(of: run, databasePath: database.location).rawValue
        if checkingChain {
            record.verification = switch try database.verify(runID: run.id) {
            case .intact(_, let count): .init(intact: true, events: count, problem: nil)
            case .broken(let sequence, let reason): .init(intact: false, events: sequence, problem: "event \(sequence): \(reason)")
            }
        }
        let names = try Self.participantNames(database, runID: run.id)
        self.run = run
        self.scenario = scenario
        self.events = events
        var report = DrillReport(scenario: scenario, events: events, mode: run.mode, record: record)
        report.reviewWording(participantNames: names)
        self.report = report
        participantNames = names
    }

    /// The display names of the run's participants (evidence of who took part; never shown
    /// in reports).
    public let participantNames: [String]

    /// The names of the people who took part in a run: those recorded with the roles they
    /// played (`--player`), and those participants gave themselves on the server's tokens.
    public static func participantNames(_ database: any DrillStore, runID: String) throws -> [String] {
        let recorded = try database.participants(runID: runID).compactMap(\.displayName)
        let joined = try database.tokens(runID: runID).compactMap(\.displayName)
        var seen: Set<String> = []
        return (recorded + joined).filter { seen.insert($0).inserted }
    }

    /// The report without the record: what a replay of the run's script prints (texts as
    /// written, no improvement plan).
    public var reportWithoutRecord: DrillReport {
        DrillReport(scenario: scenario, events: events, mode: run.mode)
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

extension StoredReport {
    /// What a run's report depends on that can change after the run was created: its event
    /// chain (a late adjudication, a survey answer after the end), its improvement plan (and
    /// which items are overdue today), and the names to keep out of it. Two equal versions
    /// give the same report, so a report can be built once and kept until its version moves.
    public struct Version: Hashable, Sendable {
        public var chainHead: String?
        public var eventCount: Int
        public var status: RunStatus
        public var record: DrillReport.RecordInfo
        public var participantNames: [String]
    }

    /// A few small reads; no event is loaded and nothing is verified or scored.
    public static func version(_ database: any DrillStore, runID: String) throws -> Version {
        let run = try database.run(id: runID)
        return Version(
            chainHead: run.chainHead, eventCount: run.eventCount, status: displayStatus(of: run, databasePath: database.location),
            record: try database.recordInfo(runID: runID), participantNames: try participantNames(database, runID: runID)
        )
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
