import FiredrillCore
import FiredrillStore
import Foundation
import PostgresNIO

/// Copying records in and out (``FiredrillStore/StoreCopying``, for `firedrill store copy`):
/// rows read and written as stored, ids kept, nothing replaced. What is copied, in which
/// order, and what a difference means are ``FiredrillStore/StoreCopy``'s; here is only SQL.
extension PostgresStore: StoreCopying {
    /// Events written per statement (as arrays, `UNNEST`ed).
    static let copiedEventsPerStatement = 2_000

    public func runHeads() throws -> [RunHead] {
        try query("SELECT id, chain_head, event_count FROM run ORDER BY started_at, id").map { row in
            let (id, head, count) = try row.decode((String, String?, Int).self)
            return RunHead(id: id, chainHead: head, eventCount: count)
        }
    }

    public func runCopy(id: String) throws -> RunCopy {
        try snapshot { transaction in
            let run = try Self.fetchRun(transaction, id: id)
            let objectives = try transaction.query("""
                SELECT objective_id, kind, weight, status, elapsed_ms, credit, rating, met_by
                FROM objective_result WHERE run_id = \(id) ORDER BY objective_id
                """).map { row in
                let (objective, kind, weight, status, elapsed, credit, rating, metBy) = try row.decode(
                    (String, String, Double, String, Int64?, Double?, String?, String?).self
                )
                return RunResult.Objective(objectiveID: objective, kind: kind, weight: weight, status: status, elapsedMs: elapsed, credit: credit, rating: rating, metBy: metBy)
            }
            let quiz = try transaction.query("SELECT question_id, answers, correct FROM quiz_result WHERE run_id = \(id) ORDER BY question_id").map { row in
                let (question, answers, correct) = try row.decode((String, Int, Int).self)
                return RunResult.Question(questionID: question, answers: answers, correct: correct)
            }
            return RunCopy(
                run: run, participants: try Self.participants(transaction, runID: id), events: try Self.links(transaction, runID: id),
                objectives: objectives, quiz: quiz
            )
        }
    }

    /// Writes the run whole; when another copy wrote it first, its insert waits for that one's
    /// transaction and then writes nothing (`ON CONFLICT DO NOTHING`).
    public func insertRun(_ copy: RunCopy) throws -> RunHead? {
        try transaction { transaction in
            let run = copy.run
            let inserted = try transaction.query("""
                INSERT INTO run (\(unescaped: Self.runColumns))
                VALUES (\(run.id), \(run.scenarioID), \(run.scenarioTitle), \(run.scenarioSource), \(run.scenarioSHA256),
                        \(run.scenarioPath), \(run.mode.rawValue), \(run.interface.rawValue), \(run.speed), \(run.createdAt),
                        \(run.startedAt), \(run.endedAt), \(run.status.rawValue), \(run.checkpointMs), \(run.score),
                        \(run.objectivesExercised), \(run.objectivesTotal), \(run.weightExercised), \(run.weightTotal), \(run.complete),
                        \(run.ackMs), \(run.escalateMs), \(run.firstActionMs), \(run.resolveMs), \(run.detectionMs),
                        \(run.effectiveEscalationMs), \(run.effectiveActionMs), \(run.chainVersion), \(run.facts), \(run.options),
                        \(run.chainHead), \(run.eventCount))
                ON CONFLICT (id) DO NOTHING
                RETURNING id
                """)
            guard !inserted.isEmpty else {
                let (id, head, count) = try transaction.query("SELECT id, chain_head, event_count FROM run WHERE id = \(run.id)")[0]
                    .decode((String, String?, Int).self)
                return RunHead(id: id, chainHead: head, eventCount: count)
            }
            for participant in copy.participants {
                try transaction.query("""
                    INSERT INTO participant (run_id, role_id, display_name, department)
                    VALUES (\(run.id), \(participant.role), \(participant.displayName), \(participant.department))
                    """)
            }
            for start in stride(from: 0, to: copy.events.count, by: Self.copiedEventsPerStatement) {
                let links = copy.events[start..<min(copy.events.count, start + Self.copiedEventsPerStatement)]
                try transaction.query("""
                    INSERT INTO event (run_id, seq, drill_ms, wall_time, type, payload, prev_hash, hash)
                    SELECT \(run.id), * FROM UNNEST(
                        \(links.map { Int64($0.sequence) })::BIGINT[], \(links.map(\.drillMs))::BIGINT[], \(links.map(\.wallTime))::TEXT[],
                        \(links.map(\.type))::TEXT[], \(links.map(\.payload))::TEXT[], \(links.map(\.previousHash))::TEXT[],
                        \(links.map(\.hash))::TEXT[])
                    """)
            }
            for objective in copy.objectives {
                try transaction.query("""
                    INSERT INTO objective_result (run_id, objective_id, kind, weight, status, elapsed_ms, credit, rating, met_by)
                    VALUES (\(run.id), \(objective.objectiveID), \(objective.kind), \(objective.weight), \(objective.status),
                            \(objective.elapsedMs), \(objective.credit), \(objective.rating), \(objective.metBy))
                    """)
            }
            for question in copy.quiz {
                try transaction.query("""
                    INSERT INTO quiz_result (run_id, question_id, answers, correct)
                    VALUES (\(run.id), \(question.questionID), \(question.answers), \(question.correct))
                    """)
            }
            return nil
        }
    }

    public func copiedRecords(_ kind: CopiedRecord.Kind) throws -> [CopiedRecord] {
        switch kind {
        case .token:
            return try query("SELECT \(unescaped: Self.tokenColumns) FROM token ORDER BY id").map { .token(try RowDecoder.decode(AccessToken.self, from: $0)) }
        case .correctiveAction:
            return try query("SELECT * FROM corrective_action ORDER BY id").map { .correctiveAction(try RowDecoder.decode(CorrectiveAction.self, from: $0)) }
        case .serverToken:
            return try query("SELECT \(unescaped: Self.serverTokenColumns) FROM server_token ORDER BY id")
                .map { .serverToken(try RowDecoder.decode(ServerToken.self, from: $0)) }
        case .scenarioVersion:
            return try query("SELECT \(unescaped: Self.scenarioVersionColumns) FROM scenario_version ORDER BY scenario_id, version")
                .map { .scenarioVersion(try RowDecoder.decode(ScenarioVersion.self, from: $0)) }
        case .nearMiss:
            return try query("SELECT \(unescaped: Self.nearMissColumns) FROM near_miss ORDER BY id").map { .nearMiss(try Self.nearMissRow($0)) }
        case .nearMissPick:
            return try query("SELECT month, near_miss_id, picked_at FROM near_miss_pick ORDER BY month").map { .nearMissPick(try Self.nearMissPick($0)) }
        }
    }

    public func insertRecords(_ records: [CopiedRecord]) throws -> [CopiedRecord?] {
        try transaction { transaction in
            var before: [CopiedRecord?] = []
            var numbered: Set<String> = []
            for record in records {
                if let existing = try Self.stored(transaction, keyOf: record) {
                    before.append(existing)
                    continue
                }
                try Self.insert(transaction, record)
                before.append(nil)
                switch record {
                case .correctiveAction: numbered.insert("corrective_action")
                case .nearMiss: numbered.insert("near_miss")
                default: break
                }
            }
            // Ids given explicitly leave the identity's sequence behind: the next one made
            // here must come after them.
            for table in numbered.sorted() {
                try transaction.query("""
                    SELECT setval(s::regclass, m) FROM (
                        SELECT pg_get_serial_sequence(\(table), 'id') AS s, (SELECT MAX(id) FROM \(unescaped: table)) AS m
                    ) AS t
                    WHERE m > COALESCE(pg_sequence_last_value(s::regclass), 0)
                    """)
            }
            return before
        }
    }

    // MARK: Rows

    private static func nearMissRow(_ row: PostgresRow) throws -> NearMissRow {
        let (id, title, whatHappened, tags, impact, occurredOn, name, reportedOn) = try row.decode(
            (Int64, String, String, String, Int, String, String?, String).self
        )
        return NearMissRow(id: id, title: title, whatHappened: whatHappened, tags: tags, impact: impact, occurredOn: occurredOn, name: name, reportedOn: reportedOn)
    }

    private static func nearMissPick(_ row: PostgresRow) throws -> NearMissPick {
        let (month, id, pickedAt) = try row.decode((String, Int64, String).self)
        return NearMissPick(month: month, nearMissID: id, pickedAt: pickedAt)
    }

    /// What the database holds under `record`'s key.
    private static func stored(_ transaction: Transaction, keyOf record: CopiedRecord) throws -> CopiedRecord? {
        switch record {
        case .token(let token):
            return try transaction.query("SELECT \(unescaped: tokenColumns) FROM token WHERE id = \(token.id)").first
                .map { .token(try RowDecoder.decode(AccessToken.self, from: $0)) }
        case .correctiveAction(let action):
            return try transaction.query("SELECT * FROM corrective_action WHERE id = \(action.id)").first
                .map { .correctiveAction(try RowDecoder.decode(CorrectiveAction.self, from: $0)) }
        case .serverToken(let token):
            return try transaction.query("SELECT \(unescaped: serverTokenColumns) FROM server_token WHERE id = \(token.id)").first
                .map { .serverToken(try RowDecoder.decode(ServerToken.self, from: $0)) }
        case .scenarioVersion(let version):
            return try transaction.query("""
                SELECT \(unescaped: scenarioVersionColumns) FROM scenario_version WHERE scenario_id = \(version.scenarioID) AND version = \(version.version)
                """).first.map { .scenarioVersion(try RowDecoder.decode(ScenarioVersion.self, from: $0)) }
        case .nearMiss(let entry):
            return try transaction.query("SELECT \(unescaped: nearMissColumns) FROM near_miss WHERE id = \(entry.id)").first
                .map { .nearMiss(try nearMissRow($0)) }
        case .nearMissPick(let pick):
            return try transaction.query("SELECT month, near_miss_id, picked_at FROM near_miss_pick WHERE month = \(pick.month)").first
                .map { .nearMissPick(try nearMissPick($0)) }
        }
    }

    /// Inserts `record` with its id.
    private static func insert(_ transaction: Transaction, _ record: CopiedRecord) throws {
        switch record {
        case .token(let token):
            try transaction.query("""
                INSERT INTO token (\(unescaped: tokenColumns))
                VALUES (\(token.id), \(token.runID), \(token.kind.rawValue), \(token.storedRoles), \(token.label), \(token.displayName),
                        \(token.hash), \(token.createdAt), \(token.joinedAt), \(token.revokedAt))
                """)
        case .correctiveAction(let action):
            try transaction.query("""
                INSERT INTO corrective_action (id, run_id, objective_id, issue, corrective_action, capability, responsible_org,
                                               responsible_role, start_date, due_date, status, closing_evidence, closed_at, created_at)
                VALUES (\(action.id), \(action.runID), \(action.objectiveID), \(action.issue), \(action.correctiveAction),
                        \(action.capability.rawValue), \(action.responsibleOrg), \(action.responsibleRole), \(action.startDate),
                        \(action.dueDate), \(action.status.rawValue), \(action.closingEvidence), \(action.closedAt), \(action.createdAt))
                """)
        case .serverToken(let token):
            try transaction.query("""
                INSERT INTO server_token (\(unescaped: serverTokenColumns))
                VALUES (\(token.id), \(token.kind.rawValue), \(token.name), \(token.hash), \(token.createdAt), \(token.revokedAt))
                """)
        case .scenarioVersion(let version):
            try transaction.query("""
                INSERT INTO scenario_version (\(unescaped: scenarioVersionColumns))
                VALUES (\(version.scenarioID), \(version.version), \(version.source), \(version.sha256), \(version.title),
                        \(version.language), \(version.savedAt))
                """)
        case .nearMiss(let entry):
            try transaction.query("""
                INSERT INTO near_miss (\(unescaped: nearMissColumns))
                VALUES (\(entry.id), \(entry.title), \(entry.whatHappened), \(entry.tags), \(entry.impact), \(entry.occurredOn),
                        \(entry.name), \(entry.reportedOn))
                """)
        case .nearMissPick(let pick):
            try transaction.query("""
                INSERT INTO near_miss_pick (month, near_miss_id, picked_at) VALUES (\(pick.month), \(pick.nearMissID), \(pick.pickedAt))
                """)
        }
    }
}
