import Foundation
import GRDB

extension AppDatabase {
    /// The runs matching `filter`, newest first, each with its count of open corrective
    /// actions. One query, served by the indexes on `run.started_at` and
    /// `run(scenario_id, started_at)`.
    public func history(filter: HistoryFilter = HistoryFilter()) throws -> [HistoryRow] {
        let query = Self.historyQuery(filter)
        return try writer.read { db in
            var rows: [HistoryRow] = []
            let cursor = try Row.fetchCursor(db, SQLRequest(literal: query))
            while let row = try cursor.next() {
                rows.append(HistoryRow(
                    runID: row[0], scenarioID: row[1], scenarioTitle: row[2],
                    startedAt: try Self.date(row[3]), endedAt: try (row[4] as String?).map(Self.date(_:)),
                    status: RunStatus(rawValue: row[5]) ?? .running, score: row[6],
                    ackMs: row[7], escalateMs: row[8], firstActionMs: row[9], resolveMs: row[10], openActions: row[11]
                ))
            }
            return rows
        }
    }

    static func historyQuery(_ filter: HistoryFilter) -> SQL {
        var conditions = runConditions(scenarioID: filter.scenarioID, since: filter.since, until: filter.until)
        if let status = filter.status { conditions.append("r.status = \(status.rawValue)") }
        var query: SQL = """
            SELECT r.id, r.scenario_id, r.scenario_title, r.started_at, r.ended_at, r.status, r.score,
                   r.ack_ms, r.escalate_ms, r.first_action_ms, r.resolve_ms,
                   (SELECT COUNT(*) FROM corrective_action a WHERE a.run_id = r.id AND a.status <> 'closed')
            FROM run r
            """
        if !conditions.isEmpty { query += " WHERE " + conditions.joined(separator: " AND ") }
        query += " ORDER BY r.started_at DESC, r.id DESC"
        if let limit = filter.limit { query += " LIMIT \(max(0, limit))" }
        return query
    }

    /// Each finished run matching the filters, oldest first, with its score, objective
    /// credits, metrics and participants' departments. Three queries in one snapshot (runs,
    /// objective results, departments), never one per run.
    public func trendPoints(scenarioID: String? = nil, since: Date? = nil, until: Date? = nil) throws -> [TrendPoint] {
        var conditions = Self.runConditions(scenarioID: scenarioID, since: since, until: until)
        conditions.append("r.status = 'finished'")
        let whereClause = conditions.joined(separator: " AND ")
        return try writer.read { db in
            var credits: [String: [String: Double]] = [:]
            let results = try Row.fetchCursor(db, SQLRequest(literal: """
                SELECT o.run_id, o.objective_id, o.credit
                FROM objective_result o JOIN run r ON r.id = o.run_id
                WHERE \(whereClause) AND o.credit IS NOT NULL
                """))
            while let row = try results.next() {
                credits[row[0] as String, default: [:]][row[1] as String] = row[2] as Double
            }

            var departments: [String: [String]] = [:]
            let people = try Row.fetchCursor(db, SQLRequest(literal: """
                SELECT DISTINCT p.run_id, p.department
                FROM participant p JOIN run r ON r.id = p.run_id
                WHERE \(whereClause) AND p.department IS NOT NULL
                ORDER BY p.run_id, p.department
                """))
            while let row = try people.next() {
                departments[row[0] as String, default: []].append(row[1])
            }

            var points: [TrendPoint] = []
            let runs = try Row.fetchCursor(db, SQLRequest(literal: """
                SELECT r.id, r.started_at, r.scenario_id, r.score, r.ack_ms, r.escalate_ms, r.first_action_ms, r.resolve_ms
                FROM run r
                WHERE \(whereClause)
                ORDER BY r.started_at, r.id
                """))
            while let row = try runs.next() {
                let id: String = row[0]
                points.append(TrendPoint(
                    runID: id, startedAt: try Self.date(row[1] as String), scenarioID: row[2], score: row[3],
                    credits: credits[id] ?? [:], ackMs: row[4], escalateMs: row[5], firstActionMs: row[6],
                    resolveMs: row[7], departments: departments[id] ?? []
                ))
            }
            return points
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

    private static func date(_ text: String) throws -> Date {
        guard let date = Timestamp.date(from: text) else {
            throw StoreError(.inconsistentRecord, "the stored instant '\(text.prefix(40))' is not ISO-8601 UTC with milliseconds")
        }
        return date
    }
}
