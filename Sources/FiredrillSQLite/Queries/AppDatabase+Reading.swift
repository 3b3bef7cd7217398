import FiredrillCore
import Foundation
import FiredrillStore
import GRDB

extension AppDatabase {
    /// The run with this id, or else the only run whose id starts with it.
    public func run(id: String) throws -> StoredRun {
        try read { db in try Self.resolveRun(db, id: id) }
    }

    /// The run's events, in sequence order, decoded from their stored payloads.
    public func events(runID: String) throws -> [DrillEvent] {
        try storedEvents(runID: runID).map(\.event)
    }

    /// The run's events with the wall time each was stored at.
    public func storedEvents(runID: String) throws -> [(event: DrillEvent, wallTime: String)] {
        try read { db in
            _ = try Self.fetchRun(db, id: runID)
            let decoder = JSONDecoder()
            return try EventChain.Link.ofRun(runID).fetchAll(db).map { link in
                do {
                    return (try decoder.decode(DrillEvent.self, from: Data(link.payload.utf8)), link.wallTime)
                } catch {
                    throw StoreError(.inconsistentRecord, "event \(link.sequence) of run '\(runID)' cannot be read: \(error)")
                }
            }
        }
    }

    /// The roles played in the run and by whom, in the order given at its start.
    public func participants(runID: String) throws -> [Participant] {
        try read { db in
            _ = try Self.fetchRun(db, id: runID)
            return try Self.participants(db, runID: runID)
        }
    }

    /// The facts about the stored record that go into the run's report, with the run's
    /// improvement plan (every corrective action, open and closed; overdue as of `now`).
    public func recordInfo(runID: String, now: Date = Date()) throws -> DrillReport.RecordInfo {
        try read { db in
            let run = try Self.fetchRun(db, id: runID)
            let actions = try CorrectiveAction
                .filter(CorrectiveAction.Columns.runID == runID)
                .order(CorrectiveAction.Columns.id)
                .fetchAll(db)
            return run.recordInfo(participants: try Self.participants(db, runID: runID), actions: actions, now: now)
        }
    }

    private static func participants(_ db: Database, runID: String) throws -> [Participant] {
        try ParticipantRecord
            .filter(ParticipantRecord.Columns.runID == runID)
            .order(Column.rowID)
            .fetchAll(db)
            .map(\.participant)
    }
}
