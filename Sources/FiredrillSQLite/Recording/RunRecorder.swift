import FiredrillCore
import Foundation
import FiredrillStore
import GRDB

/// The durable record of one drill run: the sink a ``FiredrillCore/DrillSession`` writes its
/// events to.
///
/// Each batch is written in one transaction, chained from the last hash stored, read inside
/// that transaction; so a resumed run, or several processes recording different runs in the
/// same file, keep correct chains.
public final class RunRecorder: DrillEventSink, Sendable {
    public let runID: String
    private let database: AppDatabase
    private let wallClock: @Sendable () -> Date

    init(database: AppDatabase, runID: String, wallClock: @escaping @Sendable () -> Date) {
        self.database = database
        self.runID = runID
        self.wallClock = wallClock
    }

    /// Stores `events`, which must continue the run's log (sequence numbers from the count
    /// of stored events on, without gaps), each stamped with the wall clock.
    public func append(_ events: [DrillEvent]) throws {
        _ = try appendReturningWallTimes(events)
    }

    /// Stores `events` as ``append(_:)`` does and returns the wall time stamped on each
    /// (ISO-8601 UTC with milliseconds), for those who show them.
    public func appendReturningWallTimes(_ events: [DrillEvent]) throws -> [String] {
        guard !events.isEmpty else { return [] }
        return try database.write { db in try Self.append(events, to: runID, in: db, wallClock: wallClock) }
    }

    /// Appends `events` to the run's chain inside the caller's transaction. The first event
    /// fixes the run's facts (``RunFacts``): they are written to the run and hashed into the
    /// chain's first link.
    @discardableResult
    static func append(_ events: [DrillEvent], to runID: String, in db: Database, wallClock: () -> Date) throws -> [String] {
        // Only the columns the chain needs: this runs once per acknowledged event.
        guard let run = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT status, chain_head, event_count, checkpoint_ms, scenario_sha256, chain_version, facts FROM run WHERE id = ?"),
            arguments: [runID]
        ) else { throw StoreError.runNotFound(runID) }
        let status: RunStatus = run["status"]
        // A finished run's record goes on with what comes after the end: participants' survey
        // answers, evaluators' write-ups and decisions (a decision changes the result, which is
        // then written again: ``updateResult(report:)``).
        let afterTheEnd = events.allSatisfy { event in
            switch event.kind {
            case .surveyAnswer, .quizAnswer, .observation, .adjudication: true
            default: false
            }
        }
        guard status != .finished || afterTheEnd else { throw StoreError.runFinished(runID) }
        let chainHead: String? = run["chain_head"]
        let eventCount: Int = run["event_count"]
        let last = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT seq, hash FROM event WHERE run_id = ? ORDER BY seq DESC LIMIT 1"),
            arguments: [runID]
        )
        let lastHash: String? = last?["hash"]
        let lastSequence: Int? = last?["seq"]
        guard lastHash == chainHead, (lastSequence.map { $0 + 1 } ?? 0) == eventCount else {
            throw StoreError(.inconsistentRecord, """
                the stored events of run '\(runID)' do not match its chain head or event count; \
                nothing was appended. Run 'firedrill verify \(runID)' to see what changed.
                """)
        }
        var chain: EventChain
        // The first event's wall time is the drill's start, fixed in the facts.
        var firstWallTime: Date? = nil
        if let lastHash {
            chain = EventChain(runID: runID, head: lastHash, nextSequence: eventCount)
        } else {
            let start = wallClock()
            firstWallTime = start
            chain = EventChain(facts: try fixFacts(of: runID, in: db, startedAt: start))
        }
        var checkpoint: Int64 = run["checkpoint_ms"]
        var wallTimes: [String] = []
        wallTimes.reserveCapacity(events.count)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO event (run_id, seq, drill_ms, wall_time, type, payload, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for event in events {
            let wallTime = firstWallTime ?? wallClock()
            firstWallTime = nil
            let link = try chain.append(event, wallTime: Timestamp.string(from: wallTime))
            try insert.execute(arguments: [
                runID, link.sequence, link.drillMs, link.wallTime, link.type, link.payload, link.previousHash, link.hash,
            ])
            checkpoint = max(checkpoint, link.drillMs)
            wallTimes.append(link.wallTime)
        }
        let newStatus = status == .ready ? RunStatus.running : status
        try db.cachedStatement(sql: "UPDATE run SET chain_head = ?, event_count = ?, checkpoint_ms = ?, status = ? WHERE id = ?")
            .execute(arguments: [chain.head, chain.nextSequence, checkpoint, newStatus, runID])
        return wallTimes
    }

    /// Fixes the run's facts as the drill starts: the start time is now, the roles are those
    /// recorded as played. Returns them.
    static func fixFacts(of runID: String, in db: Database, startedAt: Date) throws -> RunFacts {
        let run = try AppDatabase.fetchRun(db, id: runID)
        let roles = try ParticipantRecord
            .filter(ParticipantRecord.Columns.runID == runID)
            .order(Column.rowID)
            .fetchAll(db)
        var seen: Set<String> = []
        let played = roles.filter { seen.insert($0.roleID).inserted }.map { DrillReport.RecordInfo.PlayedRole(role: $0.roleID, department: $0.department) }
        let facts = RunFacts(
            runID: runID, scenarioID: run.scenarioID, scenarioSHA256: run.scenarioSHA256, mode: run.mode,
            interface: run.interface, speed: run.speed, startedAt: Timestamp.string(from: startedAt), roles: played
        )
        try db.execute(
            sql: "UPDATE run SET facts = ?, chain_version = 2, started_at = ? WHERE id = ?",
            arguments: [facts.canonicalJSON, facts.startedAt, runID]
        )
        return facts
    }

    /// Notes the drill clock, so that an interrupted run resumes close to where it stopped.
    /// The checkpoint only moves forward.
    public func checkpoint(drillTime: DrillTime) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE run SET checkpoint_ms = MAX(checkpoint_ms, ?) WHERE id = ? AND status <> 'finished'",
                arguments: [drillTime.milliseconds, runID]
            )
        }
    }

    /// Closes the record with the drill's report: status finished, end time, score, metrics
    /// and one result per objective.
    public func finish(report: DrillReport) throws {
        try database.write { db in try Self.finish(runID, with: report, in: db, endedAt: wallClock()) }
    }

    /// Writes the result of a finished run again, after an evaluator's decision changed it;
    /// its end time stays.
    public func updateResult(report: DrillReport) throws {
        try database.write { db in
            let run = try AppDatabase.fetchRun(db, id: runID)
            guard run.status == .finished else { return }
            try Self.writeResult(runID, report: report, in: db, endedAt: nil)
        }
    }

    /// Closes the run's record inside the caller's transaction.
    static func finish(_ runID: String, with report: DrillReport, in db: Database, endedAt: Date) throws {
        let run = try AppDatabase.fetchRun(db, id: runID)
        guard run.status != .finished else { throw StoreError.runFinished(runID) }
        try writeResult(runID, report: report, in: db, endedAt: endedAt)
    }

    /// The run's result (status finished, score, metrics, one row per objective) from its
    /// report; the end time too, when given.
    static func writeResult(_ runID: String, report: DrillReport, in db: Database, endedAt: Date?) throws {
        var run = try AppDatabase.fetchRun(db, id: runID)
        guard report.scenario.id == run.scenarioID else {
            throw StoreError.invalidInput("the report is of scenario '\(report.scenario.id)', run '\(runID)' plays '\(run.scenarioID)'")
        }
        try run.updateChanges(db) { run in
            run.status = .finished
            if let endedAt { run.endedAt = Timestamp.string(from: endedAt) }
            run.score = report.score
            run.objectivesExercised = report.coverage.objectivesExercised
            run.objectivesTotal = report.coverage.objectivesTotal
            run.weightExercised = report.coverage.weightExercised
            run.weightTotal = report.coverage.weightTotal
            run.complete = report.coverage.complete
            let metrics = report.metrics
            run.ackMs = metrics.timeToAcknowledgeSeconds.map(milliseconds(_:))
            run.escalateMs = metrics.timeToEscalateSeconds.map(milliseconds(_:))
            run.firstActionMs = metrics.timeToFirstActionSeconds.map(milliseconds(_:))
            run.resolveMs = metrics.timeToResolveSeconds.map(milliseconds(_:))
            run.detectionMs = metrics.detectionAtSeconds.map(milliseconds(_:))
            run.effectiveEscalationMs = metrics.timeToEffectiveEscalationSeconds.map(milliseconds(_:))
            run.effectiveActionMs = metrics.timeToEffectiveActionSeconds.map(milliseconds(_:))
            if let end = report.drill.endedAtSeconds {
                run.checkpointMs = max(run.checkpointMs, milliseconds(end))
            }
        }
        try ObjectiveResultRecord.filter(ObjectiveResultRecord.Columns.runID == runID).deleteAll(db)
        for result in report.objectives {
            try ObjectiveResultRecord(runID: runID, result: result).insert(db, onConflict: .replace)
        }
        try db.execute(sql: "DELETE FROM quiz_result WHERE run_id = ?", arguments: [runID])
        for result in report.quiz ?? [] {
            try db.execute(sql: "INSERT INTO quiz_result (run_id, question_id, answers, correct) VALUES (?, ?, ?, ?)",
                           arguments: [runID, result.id, result.answers, result.correct])
        }
    }

    /// Marks the run interrupted (for instance when the drill is cut off by a signal).
    public func markInterrupted() throws {
        try database.markInterrupted(runID: runID)
    }
}
