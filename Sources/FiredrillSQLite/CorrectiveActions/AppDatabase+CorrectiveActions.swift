import FiredrillCore
import Foundation
import FiredrillStore
import GRDB

extension AppDatabase {
    /// Adds an item, checked by the core (``FiredrillCore/PlannedAction``), to the improvement
    /// plan of a run and returns its id. When the run is finished, the objective must be one
    /// it scored.
    @discardableResult
    public func addCorrectiveAction(runID: String, plan: PlannedAction, createdAt: Date = Date()) throws -> Int64 {
        return try write { db in
            _ = try Self.fetchRun(db, id: runID)
            if let objectiveID = plan.objectiveID {
                let scored = try String.fetchAll(db, ObjectiveResultRecord
                    .filter(ObjectiveResultRecord.Columns.runID == runID)
                    .select(ObjectiveResultRecord.Columns.objectiveID))
                if !scored.isEmpty && !scored.contains(objectiveID) {
                    throw StoreError.invalidInput("run '\(runID)' has no objective '\(objectiveID)' (objectives: \(scored.joined(separator: ", ")))")
                }
            }
            // A new action is open; SQLite gives it its id.
            try db.execute(sql: """
                INSERT INTO corrective_action (run_id, objective_id, issue, corrective_action, capability, responsible_org,
                                               responsible_role, start_date, due_date, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    runID, plan.objectiveID, plan.issue, plan.correctiveAction, plan.capability, plan.responsibleOrg,
                    plan.responsibleRole, plan.startDate, plan.dueDate,
                    CorrectiveAction.Status.open, Timestamp.string(from: createdAt),
                ])
            return db.lastInsertedRowID
        }
    }

    /// Corrective actions, soonest due first (those without due date last).
    ///
    /// - Parameters:
    ///   - runID: Only the actions of this run.
    ///   - openOnly: Only actions not closed (open or in progress).
    ///   - overdueAsOf: Only actions not closed whose due date is before the day of this
    ///     instant in `timeZone`.
    public func correctiveActions(
        runID: String? = nil, openOnly: Bool = false, overdueAsOf: Date? = nil,
        timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!
    ) throws -> [CorrectiveAction] {
        var request = CorrectiveAction.all()
        if let runID { request = request.filter(CorrectiveAction.Columns.runID == runID) }
        if openOnly || overdueAsOf != nil {
            request = request.filter(CorrectiveAction.Columns.status != CorrectiveAction.Status.closed)
        }
        if let overdueAsOf {
            request = request.filter(CorrectiveAction.Columns.dueDate < Timestamp.day(of: overdueAsOf, in: timeZone))
        }
        request = request.order(
            CorrectiveAction.Columns.dueDate == nil, CorrectiveAction.Columns.dueDate, CorrectiveAction.Columns.id
        )
        return try read { db in try request.fetchAll(db) }
    }

    /// Marks an open corrective action in progress.
    @discardableResult
    public func markCorrectiveActionInProgress(id: Int64) throws -> CorrectiveAction {
        try write { db in
            try Self.fetchCorrectiveAction(db, id: id).checkCanStart()
            try db.execute(sql: "UPDATE corrective_action SET status = 'in-progress' WHERE id = ?", arguments: [id])
            return try Self.fetchCorrectiveAction(db, id: id)
        }
    }

    /// Closes a corrective action with the evidence that it was done.
    @discardableResult
    public func closeCorrectiveAction(id: Int64, evidence: String, at date: Date = Date()) throws -> CorrectiveAction {
        let evidence = try PlannedAction.closingEvidence(evidence)
        return try write { db in
            try Self.fetchCorrectiveAction(db, id: id).checkCanClose()
            try db.execute(
                sql: "UPDATE corrective_action SET status = 'closed', closing_evidence = ?, closed_at = ? WHERE id = ?",
                arguments: [evidence, Timestamp.string(from: date), id]
            )
            return try Self.fetchCorrectiveAction(db, id: id)
        }
    }

    private static func fetchCorrectiveAction(_ db: Database, id: Int64) throws -> CorrectiveAction {
        guard let action = try CorrectiveAction.fetchOne(db, key: id) else {
            throw StoreError(.correctiveActionNotFound, "no corrective action has the id \(id)")
        }
        return action
    }
}
