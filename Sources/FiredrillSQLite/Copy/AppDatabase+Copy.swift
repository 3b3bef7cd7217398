import FiredrillCore
import FiredrillStore
import Foundation
import GRDB

/// Copying records in and out (``FiredrillStore/StoreCopying``, for `firedrill store copy`):
/// rows read and written as stored, ids kept, nothing replaced. What is copied, in which
/// order, and what a difference means are ``FiredrillStore/StoreCopy``'s; here is only SQL.
extension AppDatabase: StoreCopying {
    public func runHeads() throws -> [RunHead] {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT id, chain_head, event_count FROM run ORDER BY started_at, id")
            var heads: [RunHead] = []
            while let row = try rows.next() { heads.append(RunHead(id: row[0], chainHead: row[1], eventCount: row[2])) }
            return heads
        }
    }

    public func runCopy(id: String) throws -> RunCopy {
        try read { db in
            let run = try Self.fetchRun(db, id: id)
            let participants = try ParticipantRecord.filter(ParticipantRecord.Columns.runID == id).order(Column.rowID).fetchAll(db)
            let objectives = try ObjectiveResultRecord.filter(ObjectiveResultRecord.Columns.runID == id)
                .order(ObjectiveResultRecord.Columns.objectiveID).fetchAll(db)
            let quiz = try Row.fetchAll(db, sql: "SELECT question_id, answers, correct FROM quiz_result WHERE run_id = ? ORDER BY question_id", arguments: [id])
            return RunCopy(
                run: run, participants: participants.map(\.participant), events: try EventChain.Link.ofRun(id).fetchAll(db),
                objectives: objectives.map(\.result), quiz: quiz.map { RunResult.Question(questionID: $0[0], answers: $0[1], correct: $0[2]) }
            )
        }
    }

    public func insertRun(_ copy: RunCopy) throws -> RunHead? {
        try write { db in
            let id = copy.run.id
            if let row = try Row.fetchOne(db, sql: "SELECT id, chain_head, event_count FROM run WHERE id = ?", arguments: [id]) {
                return RunHead(id: row[0], chainHead: row[1], eventCount: row[2])
            }
            try copy.run.insert(db)
            for participant in copy.participants {
                try ParticipantRecord(runID: id, participant: participant).insert(db)
            }
            let event = try db.cachedStatement(sql: """
                INSERT INTO event (run_id, seq, drill_ms, wall_time, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for link in copy.events {
                try event.execute(arguments: [id, link.sequence, link.drillMs, link.wallTime, link.type, link.payload, link.previousHash, link.hash])
            }
            for objective in copy.objectives {
                try ObjectiveResultRecord(runID: id, result: objective).insert(db)
            }
            for question in copy.quiz {
                try db.execute(sql: "INSERT INTO quiz_result (run_id, question_id, answers, correct) VALUES (?, ?, ?, ?)",
                               arguments: [id, question.questionID, question.answers, question.correct])
            }
            return nil
        }
    }

    public func copiedRecords(_ kind: CopiedRecord.Kind) throws -> [CopiedRecord] {
        try read { db in
            switch kind {
            case .token:
                return try AccessToken.order(AccessToken.Columns.id).fetchAll(db).map(CopiedRecord.token)
            case .correctiveAction:
                return try CorrectiveAction.order(CorrectiveAction.Columns.id).fetchAll(db).map(CopiedRecord.correctiveAction)
            case .serverToken:
                return try ServerToken.order(Column("id")).fetchAll(db).map(CopiedRecord.serverToken)
            case .scenarioVersion:
                return try ScenarioVersion.order(Column("scenario_id"), Column("version")).fetchAll(db).map(CopiedRecord.scenarioVersion)
            case .nearMiss:
                return try Row.fetchAll(db, sql: "SELECT \(Self.nearMissColumns) FROM near_miss ORDER BY id").map { .nearMiss(Self.nearMissRow($0)) }
            case .nearMissPick:
                return try Row.fetchAll(db, sql: "SELECT month, near_miss_id, picked_at FROM near_miss_pick ORDER BY month")
                    .map { .nearMissPick(NearMissPick(month: $0[0], nearMissID: $0[1], pickedAt: $0[2])) }
            }
        }
    }

    public func insertRecords(_ records: [CopiedRecord]) throws -> [CopiedRecord?] {
        try write { db in
            try records.map { record in
                if let existing = try Self.stored(db, keyOf: record) { return existing }
                try Self.insert(db, record)
                return nil
            }
        }
    }

    // MARK: Rows

    private static let nearMissColumns = "id, title, what_happened, tags, impact, occurred_on, name, reported_on"

    private static func nearMissRow(_ row: Row) -> NearMissRow {
        NearMissRow(id: row[0], title: row[1], whatHappened: row[2], tags: row[3], impact: row[4], occurredOn: row[5], name: row[6], reportedOn: row[7])
    }

    /// What the database holds under `record`'s key.
    private static func stored(_ db: Database, keyOf record: CopiedRecord) throws -> CopiedRecord? {
        switch record {
        case .token(let token):
            return try AccessToken.fetchOne(db, key: token.id).map(CopiedRecord.token)
        case .correctiveAction(let action):
            return try CorrectiveAction.fetchOne(db, key: action.id).map(CopiedRecord.correctiveAction)
        case .serverToken(let token):
            return try ServerToken.fetchOne(db, key: token.id).map(CopiedRecord.serverToken)
        case .scenarioVersion(let version):
            return try ScenarioVersion.fetchOne(db, key: ["scenario_id": version.scenarioID, "version": version.version]).map(CopiedRecord.scenarioVersion)
        case .nearMiss(let entry):
            return try Row.fetchOne(db, sql: "SELECT \(nearMissColumns) FROM near_miss WHERE id = ?", arguments: [entry.id])
                .map { .nearMiss(nearMissRow($0)) }
        case .nearMissPick(let pick):
            return try Row.fetchOne(db, sql: "SELECT month, near_miss_id, picked_at FROM near_miss_pick WHERE month = ?", arguments: [pick.month])
                .map { .nearMissPick(NearMissPick(month: $0[0], nearMissID: $0[1], pickedAt: $0[2])) }
        }
    }

    /// Inserts `record` with its id; an `AUTOINCREMENT` id continues after the largest written.
    private static func insert(_ db: Database, _ record: CopiedRecord) throws {
        switch record {
        case .token(let token):
            try token.insert(db)
        case .serverToken(let token):
            try token.insert(db)
        case .scenarioVersion(let version):
            try version.insert(db)
        case .correctiveAction(let action):
            try db.execute(sql: """
                INSERT INTO corrective_action (id, run_id, objective_id, issue, corrective_action, capability, responsible_org,
                    responsible_role, start_date, due_date, status, closing_evidence, closed_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    action.id, action.runID, action.objectiveID, action.issue, action.correctiveAction, action.capability.rawValue,
                    action.responsibleOrg, action.responsibleRole, action.startDate, action.dueDate, action.status.rawValue,
                    action.closingEvidence, action.closedAt, action.createdAt,
                ])
        case .nearMiss(let entry):
            try db.execute(sql: "INSERT INTO near_miss (\(nearMissColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", arguments: [
                entry.id, entry.title, entry.whatHappened, entry.tags, entry.impact, entry.occurredOn, entry.name, entry.reportedOn,
            ])
        case .nearMissPick(let pick):
            try db.execute(sql: "INSERT INTO near_miss_pick (month, near_miss_id, picked_at) VALUES (?, ?, ?)",
                           arguments: [pick.month, pick.nearMissID, pick.pickedAt])
        }
    }
}
