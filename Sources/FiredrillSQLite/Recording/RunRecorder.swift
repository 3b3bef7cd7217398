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
            db.cachedStatement(sql: "SELECT status, chain_head, event_count, checkpoint_ms FROM run WHERE id = ?"),
            arguments: [runID]
        ) else { throw StoreError.runNotFound(runID) }
        let last = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT seq, hash FROM event WHERE run_id = ? ORDER BY seq DESC LIMIT 1"),
            arguments: [runID]
        )
        let state = RunLog.State(
            status: run["status"], chainHead: run["chain_head"], eventCount: run["event_count"], checkpointMs: run["checkpoint_ms"],
            lastSequence: last?["seq"], lastHash: last?["hash"]
        )
        let append = try RunLog.append(events, to: runID, state: state, wallClock: wallClock) { start in
            try fixFacts(of: runID, in: db, startedAt: start)
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO event (run_id, seq, drill_ms, wall_time, type, payload, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for link in append.links {
            try insert.execute(arguments: [
                runID, link.sequence, link.drillMs, link.wallTime, link.type, link.payload, link.previousHash, link.hash,
            ])
        }
        try db.cachedStatement(sql: "UPDATE run SET chain_head = ?, event_count = ?, checkpoint_ms = ?, status = ? WHERE id = ?")
            .execute(arguments: [append.chainHead, append.eventCount, append.checkpointMs, append.status, runID])
        return append.links.map(\.wallTime)
    }

    /// Fixes the run's facts as the drill starts: the start time is now, the roles are those
    /// recorded as played. Returns them.
    static func fixFacts(of runID: String, in db: Database, startedAt: Date) throws -> RunFacts {
        let run = try AppDatabase.fetchRun(db, id: runID)
        let participants = try ParticipantRecord
            .filter(ParticipantRecord.Columns.runID == runID)
            .order(Column.rowID)
            .fetchAll(db)
            .map(\.participant)
        let facts = RunLog.facts(of: run, participants: participants, startedAt: startedAt)
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

    /// The run's result (status finished, score, metrics, one row per objective and per quiz
    /// question) from its report (``FiredrillStore/RunResult``); the end time too, when given.
    static func writeResult(_ runID: String, report: DrillReport, in db: Database, endedAt: Date?) throws {
        var run = try AppDatabase.fetchRun(db, id: runID)
        let result = try RunResult(report, runID: runID, scenarioID: run.scenarioID)
        try run.updateChanges(db) { run in
            run.status = .finished
            if let endedAt { run.endedAt = Timestamp.string(from: endedAt) }
            run.score = result.score
            run.objectivesExercised = result.objectivesExercised
            run.objectivesTotal = result.objectivesTotal
            run.weightExercised = result.weightExercised
            run.weightTotal = result.weightTotal
            run.complete = result.complete
            run.ackMs = result.ackMs
            run.escalateMs = result.escalateMs
            run.firstActionMs = result.firstActionMs
            run.resolveMs = result.resolveMs
            run.detectionMs = result.detectionMs
            run.effectiveEscalationMs = result.effectiveEscalationMs
            run.effectiveActionMs = result.effectiveActionMs
            if let end = result.endMs { run.checkpointMs = max(run.checkpointMs, end) }
        }
        try ObjectiveResultRecord.filter(ObjectiveResultRecord.Columns.runID == runID).deleteAll(db)
        for objective in result.objectives {
            try ObjectiveResultRecord(runID: runID, result: objective).insert(db, onConflict: .replace)
        }
        try db.execute(sql: "DELETE FROM quiz_result WHERE run_id = ?", arguments: [runID])
        for question in result.quiz {
            try db.execute(sql: "INSERT INTO quiz_result (run_id, question_id, answers, correct) VALUES (?, ?, ?, ?)",
                           arguments: [runID, question.questionID, question.answers, question.correct])
        }
    }

    /// Marks the run interrupted (for instance when the drill is cut off by a signal).
    public func markInterrupted() throws {
        try database.markInterrupted(runID: runID)
    }
}
