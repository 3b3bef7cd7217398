import FiredrillCore
import FiredrillStore
import Foundation
import PostgresNIO

/// The durable record of one drill run in PostgreSQL: each batch of events one transaction,
/// chained from the last hash stored, read with the run's row locked (`FOR UPDATE`), so that
/// two writers of one run are put one after the other and the second sees the first's events.
///
/// A recorder of a server that shares the database holds the drill's lease: each of its
/// transactions first checks the lease's fencing token (``PostgresStore/checkFence(_:in:)``),
/// and each batch of events is announced to the other servers when it commits.
final class PostgresRunRecorder: RunRecording {
    let runID: String
    private let store: PostgresStore
    private let lease: DrillLease?
    private let wallClock: @Sendable () -> Date

    init(store: PostgresStore, runID: String, lease: DrillLease? = nil, wallClock: @escaping @Sendable () -> Date) {
        self.store = store
        self.runID = runID
        self.lease = lease
        self.wallClock = wallClock
    }

    /// One transaction of this recorder: the fence checked first when it holds a lease.
    private func transaction<T>(_ work: (PostgresStore.Transaction) throws -> T) throws -> T {
        try store.transaction { transaction in
            if let lease { try PostgresStore.checkFence(lease, in: transaction) }
            return try work(transaction)
        }
    }

    func append(_ events: [DrillEvent]) throws {
        _ = try appendReturningWallTimes(events)
    }

    func appendReturningWallTimes(_ events: [DrillEvent]) throws -> [String] {
        guard !events.isEmpty else { return [] }
        return try transaction { transaction in
            let wallTimes = try Self.append(events, to: runID, in: transaction, wallClock: wallClock)
            // Delivered when the transaction commits, in commit order: the other servers' streams read the events then.
            if lease != nil { try transaction.query("SELECT pg_notify(\(StoreChannel.events), \(runID))") }
            return wallTimes
        }
    }

    /// Appends `events` to the run's chain inside the caller's transaction (``FiredrillStore/RunLog``).
    @discardableResult
    static func append(_ events: [DrillEvent], to runID: String, in transaction: PostgresStore.Transaction, wallClock: () -> Date) throws -> [String] {
        guard let row = try transaction.query("""
            SELECT status, chain_head, event_count, checkpoint_ms FROM run WHERE id = \(runID) FOR UPDATE
            """).first else { throw StoreError.runNotFound(runID) }
        let (status, chainHead, eventCount, checkpointMs) = try row.decode((String, String?, Int, Int64).self)
        let last = try transaction.query("SELECT seq, hash FROM event WHERE run_id = \(runID) ORDER BY seq DESC LIMIT 1").first
            .map { try $0.decode((Int, String).self) }
        guard let status = RunStatus(rawValue: status) else {
            throw StoreError(.inconsistentRecord, "run '\(runID)' has the status '\(status.prefix(20))', which firedrill does not write")
        }
        let state = RunLog.State(
            status: status, chainHead: chainHead, eventCount: eventCount,
            checkpointMs: checkpointMs, lastSequence: last?.0, lastHash: last?.1
        )
        let append = try RunLog.append(events, to: runID, state: state, wallClock: wallClock) { start in
            let run = try PostgresStore.fetchRun(transaction, id: runID)
            let facts = RunLog.facts(of: run, participants: try PostgresStore.participants(transaction, runID: runID), startedAt: start)
            try transaction.query("UPDATE run SET facts = \(facts.canonicalJSON), chain_version = 2, started_at = \(facts.startedAt) WHERE id = \(runID)")
            return facts
        }
        for link in append.links {
            try transaction.query("""
                INSERT INTO event (run_id, seq, drill_ms, wall_time, type, payload, prev_hash, hash)
                VALUES (\(runID), \(link.sequence), \(link.drillMs), \(link.wallTime), \(link.type), \(link.payload), \(link.previousHash), \(link.hash))
                """)
        }
        try transaction.query("""
            UPDATE run SET chain_head = \(append.chainHead), event_count = \(append.eventCount),
                checkpoint_ms = \(append.checkpointMs), status = \(append.status.rawValue)
            WHERE id = \(runID)
            """)
        return append.links.map(\.wallTime)
    }

    func checkpoint(drillTime: DrillTime) throws {
        try transaction { transaction in
            try transaction.query("""
            UPDATE run SET checkpoint_ms = GREATEST(checkpoint_ms, \(drillTime.milliseconds)) WHERE id = \(runID) AND status <> 'finished'
            """)
        }
    }

    func finish(report: DrillReport) throws {
        try transaction { try Self.finish(runID, with: report, in: $0, endedAt: wallClock()) }
    }

    func updateResult(report: DrillReport) throws {
        try transaction { transaction in
            let run = try PostgresStore.fetchRun(transaction, id: runID, lock: true)
            guard run.status == .finished else { return }
            try Self.writeResult(runID, report: report, in: transaction, endedAt: nil)
        }
    }

    func markInterrupted() throws {
        try transaction { try PostgresStore.markInterrupted(runID: runID, in: $0) }
    }

    static func finish(_ runID: String, with report: DrillReport, in transaction: PostgresStore.Transaction, endedAt: Date) throws {
        let run = try PostgresStore.fetchRun(transaction, id: runID, lock: true)
        guard run.status != .finished else { throw StoreError.runFinished(runID) }
        try writeResult(runID, report: report, in: transaction, endedAt: endedAt)
    }

    /// The run's result (``FiredrillStore/RunResult``), and its end time when given.
    static func writeResult(_ runID: String, report: DrillReport, in transaction: PostgresStore.Transaction, endedAt: Date?) throws {
        let run = try PostgresStore.fetchRun(transaction, id: runID, lock: true)
        let result = try RunResult(report, runID: runID, scenarioID: run.scenarioID)
        let ended = endedAt.map(Timestamp.string(from:)) ?? run.endedAt
        try transaction.query("""
            UPDATE run SET status = 'finished', ended_at = \(ended), score = \(result.score),
                objectives_exercised = \(result.objectivesExercised), objectives_total = \(result.objectivesTotal),
                weight_exercised = \(result.weightExercised), weight_total = \(result.weightTotal), complete = \(result.complete),
                ack_ms = \(result.ackMs), escalate_ms = \(result.escalateMs), first_action_ms = \(result.firstActionMs),
                resolve_ms = \(result.resolveMs), detection_ms = \(result.detectionMs),
                effective_escalation_ms = \(result.effectiveEscalationMs), effective_action_ms = \(result.effectiveActionMs),
                checkpoint_ms = GREATEST(checkpoint_ms, \(result.endMs ?? 0))
            WHERE id = \(runID)
            """)
        try transaction.query("DELETE FROM objective_result WHERE run_id = \(runID)")
        for objective in result.objectives {
            try transaction.query("""
                INSERT INTO objective_result (run_id, objective_id, kind, weight, status, elapsed_ms, credit, rating, met_by)
                VALUES (\(runID), \(objective.objectiveID), \(objective.kind), \(objective.weight), \(objective.status),
                        \(objective.elapsedMs), \(objective.credit), \(objective.rating), \(objective.metBy))
                ON CONFLICT (run_id, objective_id) DO UPDATE SET kind = EXCLUDED.kind, weight = EXCLUDED.weight,
                    status = EXCLUDED.status, elapsed_ms = EXCLUDED.elapsed_ms, credit = EXCLUDED.credit,
                    rating = EXCLUDED.rating, met_by = EXCLUDED.met_by
                """)
        }
        try transaction.query("DELETE FROM quiz_result WHERE run_id = \(runID)")
        for question in result.quiz {
            try transaction.query("""
                INSERT INTO quiz_result (run_id, question_id, answers, correct)
                VALUES (\(runID), \(question.questionID), \(question.answers), \(question.correct))
                """)
        }
    }
}
