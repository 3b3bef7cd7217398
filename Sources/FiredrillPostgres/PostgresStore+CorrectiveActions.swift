import FiredrillCore
import FiredrillStore
import Foundation
import PostgresNIO

/// The improvement plan and what a report says about the record. An item's fields were
/// checked by the core (``FiredrillCore/PlannedAction``); here only what needs the run.
extension PostgresStore {
    @discardableResult
    public func addCorrectiveAction(runID: String, plan: PlannedAction, createdAt: Date = Date()) throws -> Int64 {
        try transaction { transaction in
            _ = try Self.fetchRun(transaction, id: runID)
            if let objectiveID = plan.objectiveID {
                let scored = try transaction.query("SELECT objective_id FROM objective_result WHERE run_id = \(runID) ORDER BY objective_id COLLATE \"C\"")
                    .map { try $0.decode(String.self) }
                if !scored.isEmpty && !scored.contains(objectiveID) {
                    throw StoreError.invalidInput("run '\(runID)' has no objective '\(objectiveID)' (objectives: \(scored.joined(separator: ", ")))")
                }
            }
            let inserted = try transaction.query("""
                INSERT INTO corrective_action (run_id, objective_id, issue, corrective_action, capability, responsible_org,
                                               responsible_role, start_date, due_date, status, created_at)
                VALUES (\(runID), \(plan.objectiveID), \(plan.issue), \(plan.correctiveAction), \(plan.capability.rawValue),
                        \(plan.responsibleOrg), \(plan.responsibleRole), \(plan.startDate), \(plan.dueDate),
                        \(CorrectiveAction.Status.open.rawValue), \(Timestamp.string(from: createdAt)))
                RETURNING id
                """)
            return try inserted[0].decode(Int64.self)
        }
    }

    /// Corrective actions, soonest due first (those without due date last), as the SQLite store lists them.
    public func correctiveActions(
        runID: String? = nil, openOnly: Bool = false, overdueAsOf: Date? = nil, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!
    ) throws -> [CorrectiveAction] {
        var conditions: [String] = []
        var bindings = PostgresBindings()
        if let runID {
            bindings.append(runID)
            conditions.append("run_id = $\(bindings.count)")
        }
        if openOnly || overdueAsOf != nil { conditions.append("status <> 'closed'") }
        if let overdueAsOf {
            bindings.append(Timestamp.day(of: overdueAsOf, in: timeZone))
            conditions.append("due_date COLLATE \"C\" < $\(bindings.count)")
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try query(PostgresQuery(
            unsafeSQL: "SELECT * FROM corrective_action \(filter) ORDER BY due_date IS NULL, due_date COLLATE \"C\", id",
            binds: bindings
        )).map { try RowDecoder.decode(CorrectiveAction.self, from: $0) }
    }

    @discardableResult
    public func markCorrectiveActionInProgress(id: Int64) throws -> CorrectiveAction {
        try transaction { transaction in
            try Self.correctiveAction(transaction, id: id).checkCanStart()
            try transaction.query("UPDATE corrective_action SET status = 'in-progress' WHERE id = \(id)")
            return try Self.correctiveAction(transaction, id: id)
        }
    }

    @discardableResult
    public func closeCorrectiveAction(id: Int64, evidence: String, at date: Date = Date()) throws -> CorrectiveAction {
        let evidence = try PlannedAction.closingEvidence(evidence)
        return try transaction { transaction in
            try Self.correctiveAction(transaction, id: id).checkCanClose()
            try transaction.query("""
                UPDATE corrective_action SET status = 'closed', closing_evidence = \(evidence), closed_at = \(Timestamp.string(from: date))
                WHERE id = \(id)
                """)
            return try Self.correctiveAction(transaction, id: id)
        }
    }

    /// What a report says about the record, with the run's improvement plan (overdue as of
    /// `now`, on this machine's calendar).
    public func recordInfo(runID: String, now: Date = Date()) throws -> DrillReport.RecordInfo {
        try snapshot { transaction in
            let run = try Self.fetchRun(transaction, id: runID)
            let actions = try transaction.query("SELECT * FROM corrective_action WHERE run_id = \(runID) ORDER BY id")
                .map { try RowDecoder.decode(CorrectiveAction.self, from: $0) }
            return run.recordInfo(participants: try Self.participants(transaction, runID: runID), actions: actions, now: now)
        }
    }

    private static func correctiveAction(_ transaction: Transaction, id: Int64) throws -> CorrectiveAction {
        guard let row = try transaction.query("SELECT * FROM corrective_action WHERE id = \(id) FOR UPDATE").first else {
            throw StoreError(.correctiveActionNotFound, "no corrective action has the id \(id)")
        }
        return try RowDecoder.decode(CorrectiveAction.self, from: row)
    }
}
