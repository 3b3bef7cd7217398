import FiredrillCore
import Foundation

/// Where firedrill keeps its records: runs, their hash-chained events, tokens and the
/// improvement plan. The rest of firedrill (the commands, the server, the reports) uses this
/// interface only; each backend implements it (SQLite in `FiredrillSQLite`, embedded, the
/// default). Every method is one transaction of the backend: it happens whole or not at all.
///
/// Errors are ``StoreError``s, worded for the person who runs the command.
public protocol DrillStore: AnyObject, Sendable {
    /// Where the records live, as the user named it (a file path, or a server's address
    /// without its password); also the key of the locks held on running drills.
    var location: String { get }

    /// Answers when the store can be read (for health checks).
    func ping() throws
    /// Releases the store's connections; the value must not be used afterwards.
    func close() throws

    // MARK: Recording runs

    /// Records a new run of `scenario` (its exact `source`, read from `path`) and returns the
    /// recorder its events go to. A participant without department takes its role's.
    func startRun(
        scenario: Scenario, source: String, path: String, interface: RunInterface, speed: Double?,
        participants: [Participant], options: RunOptions?, status: RunStatus,
        wallClock: @escaping @Sendable () -> Date
    ) throws -> any RunRecording
    /// Records a whole run at once (a scripted replay): the run, its events and its result,
    /// all or nothing. Returns the run's id.
    func recordFinishedRun(
        scenario: Scenario, source: String, path: String, interface: RunInterface, speed: Double?,
        participants: [Participant], events: [DrillEvent], report: DrillReport,
        wallClock: @escaping @Sendable () -> Date
    ) throws -> String
    /// A recorder continuing an interrupted run, given its id or a unique prefix; the run is
    /// marked running again.
    func recorder(resuming runID: String, wallClock: @escaping @Sendable () -> Date) throws -> any RunRecording
    /// A recorder for a run the server holds (ready or running), without changing its status.
    func recorder(appendingTo runID: String, wallClock: @escaping @Sendable () -> Date) throws -> any RunRecording
    func markInterrupted(runID: String) throws
    func markReady(runID: String) throws
    func setSpeed(runID: String, speed: Double) throws

    // MARK: Reading runs

    /// The run with this id, or a unique prefix of it.
    func run(id: String) throws -> StoredRun
    func events(runID: String) throws -> [DrillEvent]
    /// The events with the wall time each was stamped with.
    func storedEvents(runID: String) throws -> [(event: DrillEvent, wallTime: String)]
    func participants(runID: String) throws -> [Participant]
    /// What a report says about the record: times, chain head, participants' departments, the
    /// improvement plan (overdue as of `now`).
    func recordInfo(runID: String, now: Date) throws -> DrillReport.RecordInfo
    func history(filter: HistoryFilter) throws -> [HistoryRow]
    func trendPoints(scenarioID: String?, since: Date?, until: Date?) throws -> [TrendPoint]
    func departmentTrendPoints(scenarioID: String?, since: Date?, until: Date?) throws -> [DepartmentTrendPoint]

    // MARK: The chain

    /// Recomputes the run's hash chain from its stored events.
    func verify(runID: String) throws -> ChainVerification
    /// Where the stored result (score, metrics, objective results) differs from `report`.
    func resultDifferences(runID: String, report: DrillReport) throws -> [String]

    // MARK: Tokens of the live server

    func makeToken(runID: String, kind: AccessToken.Kind, roles: [String], displayName: String?, createdAt: Date) throws -> (token: AccessToken, secret: String)
    func tokens(runID: String?) throws -> [AccessToken]
    func revokeToken(id: String, runID: String, at date: Date) throws -> AccessToken
    func setDisplayName(tokenID: String, name: String?, at date: Date) throws -> AccessToken
    /// Issues a server-scope token (committee, reporter); the secret is returned, not stored.
    func makeServerToken(kind: ServerToken.Kind, name: String, createdAt: Date) throws -> (token: ServerToken, secret: String)
    /// Every server-scope token, revoked ones included, oldest first.
    func serverTokens() throws -> [ServerToken]
    /// Revokes a server-scope token; revoking twice is harmless. `runNotFound`-like
    /// `invalidInput` when there is no such token.
    func revokeServerToken(id: String, at date: Date) throws -> ServerToken
    /// The server's runs: the unfinished ones, or the `limit` latest finished ones.
    func serverRunIDs(finished: Bool, limit: Int) throws -> [String]

    // MARK: The improvement plan

    /// Adds a checked item to a run's plan (the objective, when the run is finished, one it
    /// scored) and returns its id.
    func addCorrectiveAction(runID: String, plan: PlannedAction, createdAt: Date) throws -> Int64
    func correctiveActions(runID: String?, openOnly: Bool, overdueAsOf: Date?, timeZone: TimeZone) throws -> [CorrectiveAction]
    func markCorrectiveActionInProgress(id: Int64) throws -> CorrectiveAction
    func closeCorrectiveAction(id: Int64, evidence: String, at date: Date) throws -> CorrectiveAction

    // MARK: The scenario library

    /// Saves `source` as the next version of scenario `scenarioID`, in one transaction:
    /// version 1 when `baseVersion` is `nil` and the library has no such scenario, else
    /// `baseVersion + 1` when `baseVersion` is its latest version. Anything else is a
    /// `versionConflict` that names the latest version, and nothing is saved.
    func saveScenarioVersion(
        scenarioID: String, title: String, language: String, source: String, sha256: String, baseVersion: Int?, at date: Date
    ) throws -> ScenarioVersion
    /// Every version of a scenario, oldest first; empty when the library has none.
    func scenarioVersions(scenarioID: String) throws -> [ScenarioVersion]
    /// One version, or the latest when `version` is `nil`; `nil` when there is no such version.
    func scenarioVersion(scenarioID: String, version: Int?) throws -> ScenarioVersion?
    /// The latest version of every scenario in the library, by id.
    func latestScenarioVersions() throws -> [ScenarioVersion]

    // MARK: The near-miss register

    /// Records a submission already checked by ``FiredrillCore/NearMiss/Submission/validated(today:)``,
    /// reported on `reportedOn` (`yyyy-MM-dd`); an anonymous one without its name.
    func addNearMiss(_ submission: NearMiss.Submission, reportedOn: String) throws -> NearMiss
    /// Every entry, oldest first.
    func nearMisses() throws -> [NearMiss]
    /// Every entry, oldest first, with what ranking needs only (id, tags, impact, days): the
    /// title and text are empty and the name absent. ``nearMisses(ids:)`` reads the rest of
    /// those shown.
    func nearMissFacts() throws -> [NearMiss]
    /// The entries with these ids, whole, by id.
    func nearMisses(ids: [Int64]) throws -> [Int64: NearMiss]
    /// Marks entry `id` as the most valuable near miss of `month` (`yyyy-MM`), replacing
    /// an earlier pick; `nil` removes the pick. `invalidInput` when there is no such entry.
    func pickMostValuableNearMiss(month: String, id: Int64?, at date: Date) throws
    /// Month (`yyyy-MM`) → the entry picked as its most valuable near miss.
    func mostValuableNearMisses() throws -> [String: Int64]
    /// Scenario id → the end (ISO-8601 UTC) of its latest finished live drill.
    func lastLiveDrills() throws -> [String: String]
}

/// The durable record of one drill run: the sink a ``FiredrillCore/DrillSession`` writes its
/// events to. Each batch is one transaction, chained from the last hash stored.
public protocol RunRecording: DrillEventSink, Sendable {
    var runID: String { get }
    /// Stores `events` as ``DrillEventSink/append(_:)`` does and returns the wall time
    /// stamped on each (ISO-8601 UTC with milliseconds).
    func appendReturningWallTimes(_ events: [DrillEvent]) throws -> [String]
    /// Notes the drill clock (it only moves forward), so that an interrupted run resumes
    /// close to where it stopped.
    func checkpoint(drillTime: DrillTime) throws
    /// Closes the record with the drill's report: finished, end time, score and results.
    func finish(report: DrillReport) throws
    /// Writes a finished run's result again after an evaluator's decision changed it.
    func updateResult(report: DrillReport) throws
    func markInterrupted() throws
}

// The usual arguments, as the backends' methods take them.
extension DrillStore {
    public func startRun(
        scenario: Scenario, source: String, path: String, interface: RunInterface, speed: Double?,
        participants: [Participant], options: RunOptions? = nil, status: RunStatus = .running
    ) throws -> any RunRecording {
        try startRun(scenario: scenario, source: source, path: path, interface: interface, speed: speed,
                     participants: participants, options: options, status: status, wallClock: { Date() })
    }

    public func recordFinishedRun(
        scenario: Scenario, source: String, path: String, interface: RunInterface, speed: Double?,
        participants: [Participant], events: [DrillEvent], report: DrillReport
    ) throws -> String {
        try recordFinishedRun(scenario: scenario, source: source, path: path, interface: interface, speed: speed,
                              participants: participants, events: events, report: report, wallClock: { Date() })
    }

    public func recorder(resuming runID: String) throws -> any RunRecording { try recorder(resuming: runID, wallClock: { Date() }) }
    public func recorder(appendingTo runID: String) throws -> any RunRecording { try recorder(appendingTo: runID, wallClock: { Date() }) }
    public func recordInfo(runID: String) throws -> DrillReport.RecordInfo { try recordInfo(runID: runID, now: Date()) }
    public func history() throws -> [HistoryRow] { try history(filter: HistoryFilter()) }

    public func trendPoints(scenarioID: String? = nil, since: Date? = nil) throws -> [TrendPoint] {
        try trendPoints(scenarioID: scenarioID, since: since, until: nil)
    }

    public func departmentTrendPoints(scenarioID: String? = nil, since: Date? = nil) throws -> [DepartmentTrendPoint] {
        try departmentTrendPoints(scenarioID: scenarioID, since: since, until: nil)
    }

    public func makeToken(runID: String, kind: AccessToken.Kind, roles: [String] = [], displayName: String? = nil) throws -> (token: AccessToken, secret: String) {
        try makeToken(runID: runID, kind: kind, roles: roles, displayName: displayName, createdAt: Date())
    }

    public func tokens() throws -> [AccessToken] { try tokens(runID: nil) }
    public func revokeToken(id: String, runID: String) throws -> AccessToken { try revokeToken(id: id, runID: runID, at: Date()) }
    public func setDisplayName(tokenID: String, name: String?) throws -> AccessToken { try setDisplayName(tokenID: tokenID, name: name, at: Date()) }
    public func serverRunIDs(finished: Bool) throws -> [String] { try serverRunIDs(finished: finished, limit: .max) }

    public func addCorrectiveAction(
        runID: String, objectiveID: String? = nil, issue: String, correctiveAction: String, capability: String,
        responsibleOrg: String, responsibleRole: String? = nil, startDate: String? = nil, dueDate: String? = nil
    ) throws -> Int64 {
        let plan = try PlannedAction(
            objectiveID: objectiveID, issue: issue, correctiveAction: correctiveAction, capability: capability,
            responsibleOrg: responsibleOrg, responsibleRole: responsibleRole, startDate: startDate, dueDate: dueDate
        )
        return try addCorrectiveAction(runID: runID, plan: plan, createdAt: Date())
    }

    public func correctiveActions(runID: String? = nil, openOnly: Bool = false, overdueAsOf: Date? = nil) throws -> [CorrectiveAction] {
        try correctiveActions(runID: runID, openOnly: openOnly, overdueAsOf: overdueAsOf, timeZone: TimeZone(secondsFromGMT: 0)!)
    }

    public func closeCorrectiveAction(id: Int64, evidence: String) throws -> CorrectiveAction {
        try closeCorrectiveAction(id: id, evidence: evidence, at: Date())
    }
}
