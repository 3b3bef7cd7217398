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
                rows.append(HistoryListing.row(&reader))
            }
            return rows
        }
    }

    static func historyQuery(_ filter: HistoryFilter) -> SQL {
        var conditions = runConditions(scenarioID: filter.scenarioID, since: filter.since, until: filter.until)
        if let status = filter.status { conditions.append("r.status = \(status.rawValue)") }
        var query = SQL(sql: HistoryListing.select)
        if !conditions.isEmpty { query += " WHERE " + conditions.joined(separator: " AND ") }
        query += " ORDER BY r.started_at DESC, r.id DESC"
        if let page = filter.page { query += " LIMIT \(page.limit ?? -1) OFFSET \(page.offset)" }
        return query
    }

    /// Each finished run matching the filters, oldest first, with its score, objective
    /// credits, metrics and participants' departments. Four queries in one snapshot (objective
    /// results, quiz results, departments, runs), never one per run; the points are made by
    /// ``FiredrillStore/TrendListing``.
    public func trendPoints(scenarioID: String? = nil, since: Date? = nil, until: Date? = nil) throws -> [TrendPoint] {
        var conditions = Self.runConditions(scenarioID: scenarioID, since: since, until: until)
        conditions.append("r.status = 'finished'")
        let whereClause = conditions.joined(separator: " AND ")
        return try read { db in
            var listing = TrendListing()
            try Self.each(db, """
                SELECT o.run_id, o.objective_id, o.credit
                FROM objective_result o JOIN run r ON r.id = o.run_id
                WHERE \(whereClause) AND o.credit IS NOT NULL
                """) { listing.addCredit(&$0) }
            try Self.each(db, """
                SELECT q.run_id, q.question_id, q.answers, q.correct
                FROM quiz_result q JOIN run r ON r.id = q.run_id
                WHERE \(whereClause) AND q.answers > 0
                """) { listing.addQuizResult(&$0) }
            try Self.each(db, """
                SELECT DISTINCT p.run_id, p.department
                FROM participant p JOIN run r ON r.id = p.run_id
                WHERE \(whereClause) AND p.department IS NOT NULL
                ORDER BY p.run_id, p.department
                """) { listing.addDepartment(&$0) }
            try Self.each(db, """
                SELECT r.id, r.started_at, r.scenario_id, r.score, r.ack_ms, r.escalate_ms, r.first_action_ms, r.resolve_ms, r.complete
                FROM run r
                WHERE \(whereClause)
                ORDER BY r.started_at, r.id
                """) { listing.addRun(&$0) }
            return listing.points
        }
    }

    /// Each department's part in each finished run matching the filters, oldest first: the
    /// objectives its roles met (by the role each objective's result names) and the actions
    /// they took (from the events), times counted from the run's detection; the points are
    /// made by ``FiredrillStore/DepartmentTrendListing``.
    public func departmentTrendPoints(scenarioID: String? = nil, since: Date? = nil, until: Date? = nil) throws -> [DepartmentTrendPoint] {
        var conditions = Self.runConditions(scenarioID: scenarioID, since: since, until: until)
        conditions.append("r.status = 'finished'")
        let whereClause = conditions.joined(separator: " AND ")
        return try read { db in
            var listing = DepartmentTrendListing()
            try Self.each(db, """
                SELECT o.run_id, p.department, o.objective_id, o.credit
                FROM objective_result o JOIN run r ON r.id = o.run_id
                JOIN participant p ON p.run_id = o.run_id AND p.role_id = o.met_by
                WHERE \(whereClause) AND o.status = 'met' AND p.department IS NOT NULL
                """) { listing.addCredit(&$0) }
            try Self.each(db, """
                SELECT e.run_id, p.department, json_extract(e.payload, '$.kind'), COUNT(*), MIN(e.drill_ms)
                FROM event e JOIN run r ON r.id = e.run_id
                JOIN participant p ON p.run_id = e.run_id AND p.role_id = json_extract(e.payload, '$.role')
                WHERE \(whereClause) AND e.type = 'action' AND p.department IS NOT NULL
                GROUP BY e.run_id, p.department, json_extract(e.payload, '$.kind')
                """) { listing.addActions(&$0) }
            try Self.each(db, """
                SELECT r.id, r.started_at, r.scenario_id, r.complete, r.detection_ms,
                (SELECT group_concat(department, char(31)) FROM (SELECT DISTINCT p.department FROM participant p
                 WHERE p.run_id = r.id AND p.department IS NOT NULL ORDER BY p.department))
                FROM run r
                WHERE \(whereClause)
                ORDER BY r.started_at, r.id
                """) { listing.addRun(&$0) }
            return listing.points
        }
    }

    /// Each row of `query`, read leniently.
    private static func each(_ db: Database, _ query: SQL, _ body: (inout LenientRow<SQLiteCells>) -> Void) throws {
        let rows = try Row.fetchCursor(db, SQLRequest(literal: query))
        while let row = try rows.next() {
            var reader = LenientRow(row)
            body(&reader)
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
