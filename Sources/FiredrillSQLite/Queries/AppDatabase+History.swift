import FiredrillCore
import Foundation
import FiredrillStore
import GRDB

extension AppDatabase {
    /// The runs matching `filter`, newest first, each with its count of open corrective
    /// actions. One query, served by the indexes on `run.started_at` and
    /// `run(scenario_id, started_at)`.
    public func history(filter: HistoryFilter = HistoryFilter()) throws -> [HistoryRow] {
        let query = Self.historyQuery(filter)
        return try read { db in
            var rows: [HistoryRow] = []
            let cursor = try Row.fetchCursor(db, SQLRequest(literal: query))
            while let row = try cursor.next() {
                var reader = LenientRow(row)
                let startedText = reader.text(at: 3, column: "started_at")
                let started = Self.date(startedText, column: "started_at", reader: &reader)
                let ended = reader.value(String.self, at: 4, column: "ended_at").flatMap { Self.date($0, column: "ended_at", reader: &reader) }
                let statusText = reader.text(at: 5, column: "status")
                var result = HistoryRow(
                    runID: reader.text(at: 0, column: "id"), scenarioID: reader.text(at: 1, column: "scenario_id"),
                    scenarioTitle: reader.text(at: 2, column: "scenario_title"),
                    startedAt: started ?? Date(timeIntervalSince1970: 0), endedAt: ended,
                    status: RunStatus(rawValue: statusText) ?? .interrupted,
                    score: reader.value(Double.self, at: 6, column: "score"),
                    ackMs: reader.value(Int64.self, at: 7, column: "ack_ms"),
                    escalateMs: reader.value(Int64.self, at: 8, column: "escalate_ms"),
                    firstActionMs: reader.value(Int64.self, at: 9, column: "first_action_ms"),
                    resolveMs: reader.value(Int64.self, at: 10, column: "resolve_ms"),
                    openActions: reader.value(Int.self, at: 11, column: "open actions") ?? 0
                )
                let modeText = reader.text(at: 12, column: "mode")
                result.mode = DrillMode(rawValue: modeText)
                if result.mode == nil { reader.noteDamage("mode '\(modeText.prefix(20))' is unknown") }
                result.objectivesExercised = reader.value(Int.self, at: 13, column: "objectives_exercised")
                result.objectivesTotal = reader.value(Int.self, at: 14, column: "objectives_total")
                result.complete = reader.value(Bool.self, at: 15, column: "complete")
                result.detectionMs = reader.value(Int64.self, at: 16, column: "detection_ms")
                result.effectiveEscalationMs = reader.value(Int64.self, at: 17, column: "effective_escalation_ms")
                result.effectiveActionMs = reader.value(Int64.self, at: 18, column: "effective_action_ms")
                if RunStatus(rawValue: statusText) == nil { reader.noteDamage("status '\(statusText.prefix(20))' is unknown") }
                if let score = result.score, !(0...100).contains(score) {
                    reader.noteDamage("score \(score) is outside 0…100")
                    result.score = nil
                }
                result.damage = reader.damage
                rows.append(result)
            }
            return rows
        }
    }

    /// A stored instant, or `nil` (noted as damage) when it is not in the stored form.
    static func date(_ text: String, column: String, reader: inout LenientRow) -> Date? {
        guard let date = Timestamp.date(from: text) else {
            reader.noteDamage("\(column) '\(text.prefix(40))' is not an ISO-8601 UTC instant")
            return nil
        }
        return date
    }

    static func historyQuery(_ filter: HistoryFilter) -> SQL {
        var conditions = runConditions(scenarioID: filter.scenarioID, since: filter.since, until: filter.until)
        if let status = filter.status { conditions.append("r.status = \(status.rawValue)") }
        var query: SQL = """
            SELECT r.id, r.scenario_id, r.scenario_title, r.started_at, r.ended_at, r.status, r.score,
                   r.ack_ms, r.escalate_ms, r.first_action_ms, r.resolve_ms,
                   (SELECT COUNT(*) FROM corrective_action a WHERE a.run_id = r.id AND a.status <> 'closed'),
                   r.mode, r.objectives_exercised, r.objectives_total, r.complete,
                   r.detection_ms, r.effective_escalation_ms, r.effective_action_ms
            FROM run r
            """
        if !conditions.isEmpty { query += " WHERE " + conditions.joined(separator: " AND ") }
        query += " ORDER BY r.started_at DESC, r.id DESC"
        if filter.limit != nil || filter.offset > 0 { query += " LIMIT \(filter.limit.map { max(0, $0) } ?? -1) OFFSET \(max(0, filter.offset))" }
        return query
    }

    /// Each finished run matching the filters, oldest first, with its score, objective
    /// credits, metrics and participants' departments. Three queries in one snapshot (runs,
    /// objective results, departments), never one per run.
    public func trendPoints(scenarioID: String? = nil, since: Date? = nil, until: Date? = nil) throws -> [TrendPoint] {
        var conditions = Self.runConditions(scenarioID: scenarioID, since: since, until: until)
        conditions.append("r.status = 'finished'")
        let whereClause = conditions.joined(separator: " AND ")
        return try read { db in
            var credits: [String: [String: Double]] = [:]
            let results = try Row.fetchCursor(db, SQLRequest(literal: """
                SELECT o.run_id, o.objective_id, o.credit
                FROM objective_result o JOIN run r ON r.id = o.run_id
                WHERE \(whereClause) AND o.credit IS NOT NULL
                """))
            while let row = try results.next() {
                var reader = LenientRow(row)
                guard let credit = reader.value(Double.self, at: 2, column: "credit"), (0...1).contains(credit) else { continue }
                credits[reader.text(at: 0, column: "run_id"), default: [:]][reader.text(at: 1, column: "objective_id")] = credit
            }

            var quizShares: [String: [String: Double]] = [:]
            let quiz = try Row.fetchCursor(db, SQLRequest(literal: """
                SELECT q.run_id, q.question_id, q.answers, q.correct
                FROM quiz_result q JOIN run r ON r.id = q.run_id
                WHERE \(whereClause) AND q.answers > 0
                """))
            while let row = try quiz.next() {
                var reader = LenientRow(row)
                guard let answers = reader.value(Int.self, at: 2, column: "answers"), let correct = reader.value(Int.self, at: 3, column: "correct"),
                      answers > 0, (0...answers).contains(correct) else { continue }
                quizShares[reader.text(at: 0, column: "run_id"), default: [:]][reader.text(at: 1, column: "question_id")] = Double(correct) / Double(answers)
            }

            var departments: [String: [String]] = [:]
            let people = try Row.fetchCursor(db, SQLRequest(literal: """
                SELECT DISTINCT p.run_id, p.department
                FROM participant p JOIN run r ON r.id = p.run_id
                WHERE \(whereClause) AND p.department IS NOT NULL
                ORDER BY p.run_id, p.department
                """))
            while let row = try people.next() {
                var reader = LenientRow(row)
                departments[reader.text(at: 0, column: "run_id"), default: []].append(reader.text(at: 1, column: "department"))
            }

            var points: [TrendPoint] = []
            let columns: SQL = "r.scenario_id, r.score, r.ack_ms, r.escalate_ms, r.first_action_ms, r.resolve_ms, r.complete"
            try Self.eachRun(db, columns: columns, where: whereClause) { id, started, reader in
                var score = reader.value(Double.self, at: 3, column: "score")
                if let value = score, !(0...100).contains(value) { score = nil }
                points.append(TrendPoint(
                    runID: id, startedAt: started, scenarioID: reader.text(at: 2, column: "scenario_id"), score: score,
                    credits: credits[id] ?? [:], ackMs: reader.value(Int64.self, at: 4, column: "ack_ms"),
                    escalateMs: reader.value(Int64.self, at: 5, column: "escalate_ms"),
                    firstActionMs: reader.value(Int64.self, at: 6, column: "first_action_ms"),
                    resolveMs: reader.value(Int64.self, at: 7, column: "resolve_ms"), departments: departments[id] ?? [],
                    // A run recorded before coverage was kept counts as complete, as it was scored then.
                    complete: reader.value(Bool.self, at: 8, column: "complete") ?? true
                ))
                points[points.count - 1].quizShares = quizShares[id] ?? [:]
            }
            return points
        }
    }

    /// Each department's part in each finished run matching the filters, oldest first: the
    /// objectives its roles met (by the role each objective's result names) and the actions
    /// they took (from the events), times counted from the run's detection.
    public func departmentTrendPoints(scenarioID: String? = nil, since: Date? = nil, until: Date? = nil) throws -> [DepartmentTrendPoint] {
        var conditions = Self.runConditions(scenarioID: scenarioID, since: since, until: until)
        conditions.append("r.status = 'finished'")
        let whereClause = conditions.joined(separator: " AND ")
        struct Key: Hashable { var run: String, department: String }
        return try read { db in
            var credits: [Key: [String: Double]] = [:]
            let met = try Row.fetchCursor(db, SQLRequest(literal: """
                SELECT o.run_id, p.department, o.objective_id, o.credit
                FROM objective_result o JOIN run r ON r.id = o.run_id
                JOIN participant p ON p.run_id = o.run_id AND p.role_id = o.met_by
                WHERE \(whereClause) AND o.status = 'met' AND p.department IS NOT NULL
                """))
            while let row = try met.next() {
                var reader = LenientRow(row)
                guard let credit = reader.value(Double.self, at: 3, column: "credit"), (0...1).contains(credit) else { continue }
                let key = Key(run: reader.text(at: 0, column: "run_id"), department: reader.text(at: 1, column: "department"))
                credits[key, default: [:]][reader.text(at: 2, column: "objective_id")] = credit
            }

            struct Acts { var count = 0, first: [String: Int64] = [:] }
            var acts: [Key: Acts] = [:]
            let actions = try Row.fetchCursor(db, SQLRequest(literal: """
                SELECT e.run_id, p.department, json_extract(e.payload, '$.kind'), COUNT(*), MIN(e.drill_ms)
                FROM event e JOIN run r ON r.id = e.run_id
                JOIN participant p ON p.run_id = e.run_id AND p.role_id = json_extract(e.payload, '$.role')
                WHERE \(whereClause) AND e.type = 'action' AND p.department IS NOT NULL
                GROUP BY e.run_id, p.department, json_extract(e.payload, '$.kind')
                """))
            while let row = try actions.next() {
                var reader = LenientRow(row)
                let key = Key(run: reader.text(at: 0, column: "run_id"), department: reader.text(at: 1, column: "department"))
                let kind = reader.value(String.self, at: 2, column: "kind") ?? ""
                acts[key, default: Acts()].count += reader.value(Int.self, at: 3, column: "actions") ?? 0
                if let first = reader.value(Int64.self, at: 4, column: "drill_ms") { acts[key, default: Acts()].first[kind] = first }
            }

            var points: [DepartmentTrendPoint] = []
            let columns: SQL = """
                r.scenario_id, r.complete, r.detection_ms,
                (SELECT group_concat(department, char(31)) FROM (SELECT DISTINCT p.department FROM participant p
                 WHERE p.run_id = r.id AND p.department IS NOT NULL ORDER BY p.department))
                """
            try Self.eachRun(db, columns: columns, where: whereClause) { id, started, reader in
                let detection = reader.value(Int64.self, at: 4, column: "detection_ms") ?? 0
                let departments = (reader.value(String.self, at: 5, column: "departments") ?? "").split(separator: "\u{1F}").map(String.init)
                for department in departments {
                    let key = Key(run: id, department: department)
                    let done = acts[key] ?? Acts()
                    func since(_ kind: String) -> Int64? { done.first[kind].map { max(0, $0 - detection) } }
                    points.append(DepartmentTrendPoint(
                        runID: id, startedAt: started, scenarioID: reader.text(at: 2, column: "scenario_id"), department: department,
                        complete: reader.value(Bool.self, at: 3, column: "complete") ?? true, credits: credits[key] ?? [:],
                        actions: done.count, acknowledgeMs: since("acknowledge"), escalateMs: since("escalate"), firstActionMs: since("action")
                    ))
                }
            }
            return points
        }
    }

    /// Each run matching `whereClause` (on the run table, aliased `r`), oldest first: its id,
    /// its start, and its row for `columns`, which are read from index 2 on. A run whose start
    /// cannot be read has no place on a time axis: it is left out.
    private static func eachRun(
        _ db: Database, columns: SQL, where whereClause: SQL, _ body: (String, Date, inout LenientRow) throws -> Void
    ) throws {
        let runs = try Row.fetchCursor(db, SQLRequest(literal: """
            SELECT r.id, r.started_at, \(columns)
            FROM run r
            WHERE \(whereClause)
            ORDER BY r.started_at, r.id
            """))
        while let row = try runs.next() {
            var reader = LenientRow(row)
            let id = reader.text(at: 0, column: "id")
            guard let started = date(reader.text(at: 1, column: "started_at"), column: "started_at", reader: &reader) else { continue }
            try body(id, started, &reader)
        }
    }

    /// Conditions on the run table, aliased `r`. Instants compare as text: the stored form
    /// is fixed-width UTC.
    private static func runConditions(scenarioID: String?, since: Date?, until: Date?) -> [SQL] {
        var conditions: [SQL] = []
        if let scenarioID { conditions.append("r.scenario_id = \(scenarioID)") }
        if let since { conditions.append("r.started_at >= \(Timestamp.string(from: since))") }
        if let until { conditions.append("r.started_at < \(Timestamp.string(from: until))") }
        return conditions
    }
}
