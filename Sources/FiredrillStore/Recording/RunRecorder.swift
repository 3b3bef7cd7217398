import FiredrillCore
import Foundation
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
        guard !events.isEmpty else { return }
        try database.writer.write { db in
            let run = try AppDatabase.fetchRun(db, id: runID)
            guard run.status != .finished else { throw StoreError.runFinished(runID) }
            let last = try EventRecord
                .filter(EventRecord.Columns.runID == runID)
                .order(EventRecord.Columns.seq.desc)
                .fetchOne(db)
            guard last?.hash == run.chainHead, (last.map { $0.seq + 1 } ?? 0) == run.eventCount else {
                throw StoreError(.inconsistentRecord, """
                    the stored events of run '\(runID)' do not match its chain head or event count; \
                    nothing was appended. Run 'firedrill verify \(runID)' to see what changed.
                    """)
            }
            var chain = last.map { EventChain(runID: runID, head: $0.hash, nextSequence: $0.seq + 1) }
                ?? EventChain(runID: runID, scenarioSHA256: run.scenarioSHA256)
            var checkpoint = run.checkpointMs
            for event in events {
                let link = try chain.append(event, wallTime: Timestamp.string(from: wallClock()))
                try EventRecord(runID: runID, link: link).insert(db)
                checkpoint = max(checkpoint, link.drillMs)
            }
            try StoredRun.filter(key: runID).updateAll(db, [
                StoredRun.Columns.chainHead.set(to: chain.head),
                StoredRun.Columns.eventCount.set(to: chain.nextSequence),
                StoredRun.Columns.checkpointMs.set(to: checkpoint),
            ])
        }
    }

    /// Notes the drill clock, so that an interrupted run resumes close to where it stopped.
    /// The checkpoint only moves forward.
    public func checkpoint(drillTime: DrillTime) throws {
        try database.writer.write { db in
            try db.execute(
                sql: "UPDATE run SET checkpoint_ms = MAX(checkpoint_ms, ?) WHERE id = ? AND status <> 'finished'",
                arguments: [drillTime.milliseconds, runID]
            )
        }
    }

    /// Closes the record with the drill's report: status finished, end time, score, metrics
    /// and one result per objective.
    public func finish(report: DrillReport) throws {
        let endedAt = Timestamp.string(from: wallClock())
        try database.writer.write { db in
            var run = try AppDatabase.fetchRun(db, id: runID)
            guard run.status != .finished else { throw StoreError.runFinished(runID) }
            guard report.scenario.id == run.scenarioID else {
                throw StoreError.invalidInput("the report is of scenario '\(report.scenario.id)', run '\(runID)' plays '\(run.scenarioID)'")
            }
            try run.updateChanges(db) { run in
                run.status = .finished
                run.endedAt = endedAt
                run.score = report.score
                run.ackMs = report.metrics.timeToAcknowledgeSeconds.map(milliseconds(_:))
                run.escalateMs = report.metrics.timeToEscalateSeconds.map(milliseconds(_:))
                run.firstActionMs = report.metrics.timeToFirstActionSeconds.map(milliseconds(_:))
                run.resolveMs = report.metrics.timeToResolveSeconds.map(milliseconds(_:))
                if let end = report.drill.endedAtSeconds {
                    run.checkpointMs = max(run.checkpointMs, milliseconds(end))
                }
            }
            try ObjectiveResultRecord.filter(ObjectiveResultRecord.Columns.runID == runID).deleteAll(db)
            for result in report.objectives {
                try ObjectiveResultRecord(runID: runID, result: result).insert(db, onConflict: .replace)
            }
        }
    }

    /// Marks the run interrupted (for instance when the drill is cut off by a signal).
    public func markInterrupted() throws {
        try database.markInterrupted(runID: runID)
    }
}
