import FiredrillCore
import FiredrillStore
import Foundation
import PostgresNIO

/// The history and trend listings, and the lists of runs the server and the near-miss
/// register read. The rules (how a row becomes a ``FiredrillStore/HistoryRow`` or a trend
/// point, reading stored values leniently) are ``FiredrillStore/HistoryListing``,
/// ``FiredrillStore/TrendListing`` and ``FiredrillStore/DepartmentTrendListing``, shared
/// with the SQLite store; here is only SQL, returning the same columns in the same order.
///
/// Text that is ordered or compared as a range (ids, ISO-8601 instants) is compared with
/// `COLLATE "C"`, byte by byte, as SQLite compares it.
extension PostgresStore {
    /// The runs matching `filter`, newest first, each with its count of open corrective
    /// actions. One query.
    public func history(filter: HistoryFilter = HistoryFilter()) throws -> [HistoryRow] {
        var sql = SQLText()
        var conditions = Self.runConditions(scenarioID: filter.scenarioID, since: filter.since, until: filter.until, into: &sql)
        if let status = filter.status { conditions.append("r.status = \(sql.bind(status.rawValue))") }
        sql.text = HistoryListing.select
        if !conditions.isEmpty { sql.text += " WHERE " + conditions.joined(separator: " AND ") }
        sql.text += " ORDER BY r.started_at COLLATE \"C\" DESC, r.id COLLATE \"C\" DESC"
        if let page = filter.page {
            sql.text += " LIMIT \(page.limit.map { sql.bind($0) } ?? "ALL") OFFSET \(sql.bind(page.offset))"
        }
        return try query(sql.query).map { row in
            var reader = LenientRow(row)
            return HistoryListing.row(&reader)
        }
    }

    /// Each finished run matching the filters, oldest first, with its score, objective
    /// credits, quiz results, metrics and participants' departments. Four queries in one
    /// snapshot, never one per run.
    public func trendPoints(scenarioID: String? = nil, since: Date? = nil, until: Date? = nil) throws -> [TrendPoint] {
        try snapshot { transaction in
            var listing = TrendListing()
            try Self.each(transaction, scenarioID: scenarioID, since: since, until: until) { whereClause in """
                SELECT o.run_id, o.objective_id, o.credit
                FROM objective_result o JOIN run r ON r.id = o.run_id
                WHERE \(whereClause) AND o.credit IS NOT NULL
                """
            } row: { listing.addCredit(&$0) }
            try Self.each(transaction, scenarioID: scenarioID, since: since, until: until) { whereClause in """
                SELECT q.run_id, q.question_id, q.answers, q.correct
                FROM quiz_result q JOIN run r ON r.id = q.run_id
                WHERE \(whereClause) AND q.answers > 0
                """
            } row: { listing.addQuizResult(&$0) }
            try Self.each(transaction, scenarioID: scenarioID, since: since, until: until) { whereClause in """
                SELECT DISTINCT p.run_id COLLATE "C", p.department COLLATE "C"
                FROM participant p JOIN run r ON r.id = p.run_id
                WHERE \(whereClause) AND p.department IS NOT NULL
                ORDER BY 1, 2
                """
            } row: { listing.addDepartment(&$0) }
            try Self.each(transaction, scenarioID: scenarioID, since: since, until: until) { whereClause in """
                SELECT r.id, r.started_at, r.scenario_id, r.score, r.ack_ms, r.escalate_ms, r.first_action_ms, r.resolve_ms, r.complete
                FROM run r
                WHERE \(whereClause)
                ORDER BY r.started_at COLLATE "C", r.id COLLATE "C"
                """
            } row: { listing.addRun(&$0) }
            return listing.points
        }
    }

    /// Each department's part in each finished run matching the filters, oldest first: the
    /// objectives its roles met (by the role each objective's result names) and the actions
    /// they took (from the events), times counted from the run's detection. Three queries in
    /// one snapshot.
    public func departmentTrendPoints(scenarioID: String? = nil, since: Date? = nil, until: Date? = nil) throws -> [DepartmentTrendPoint] {
        try snapshot { transaction in
            var listing = DepartmentTrendListing()
            try Self.each(transaction, scenarioID: scenarioID, since: since, until: until) { whereClause in """
                SELECT o.run_id, p.department, o.objective_id, o.credit
                FROM objective_result o JOIN run r ON r.id = o.run_id
                JOIN participant p ON p.run_id = o.run_id AND p.role_id = o.met_by
                WHERE \(whereClause) AND o.status = 'met' AND p.department IS NOT NULL
                """
            } row: { listing.addCredit(&$0) }
            // The payload is the event's JSON object (`{"type": "action", "role": …, "kind": …}`).
            // PostgreSQL refuses `\u0000` in JSON it reads (a NUL a player typed, in a text): it
            // becomes `\ufffd` first, the same shape, so the rest of the JSON reads the same.
            let payload = #"replace(e.payload, '\u0000', '\ufffd')::json"#
            try Self.each(transaction, scenarioID: scenarioID, since: since, until: until) { whereClause in """
                SELECT e.run_id, p.department, \(payload) ->> 'kind', COUNT(*), MIN(e.drill_ms)
                FROM event e JOIN run r ON r.id = e.run_id
                JOIN participant p ON p.run_id = e.run_id AND p.role_id = \(payload) ->> 'role'
                WHERE \(whereClause) AND e.type = 'action' AND p.department IS NOT NULL
                GROUP BY e.run_id, p.department, \(payload) ->> 'kind'
                """
            } row: { listing.addActions(&$0) }
            let separator = DepartmentTrendListing.departmentSeparator.unicodeScalars.first?.value ?? 31
            try Self.each(transaction, scenarioID: scenarioID, since: since, until: until) { whereClause in """
                SELECT r.id, r.started_at, r.scenario_id, r.complete, r.detection_ms,
                (SELECT string_agg(d.department, chr(\(separator)) ORDER BY d.department COLLATE "C")
                 FROM (SELECT DISTINCT p.department COLLATE "C" AS department FROM participant p
                       WHERE p.run_id = r.id AND p.department IS NOT NULL) d)
                FROM run r
                WHERE \(whereClause)
                ORDER BY r.started_at COLLATE "C", r.id COLLATE "C"
                """
            } row: { listing.addRun(&$0) }
            return listing.points
        }
    }

    /// The ids of the drills made on a server, newest first: the unfinished ones (ready,
    /// running or interrupted), or the finished ones (at most `limit`; a negative `limit`
    /// is no limit, as in SQLite). Only ids are read, so a damaged row cannot stop the others
    /// from being taken up.
    public func serverRunIDs(finished: Bool, limit: Int) throws -> [String] {
        var sql = SQLText()
        sql.text = """
            SELECT id FROM run
            WHERE interface = \(sql.bind(RunInterface.server.rawValue))
              AND status \(finished ? "=" : "<>") \(sql.bind(RunStatus.finished.rawValue))
            ORDER BY created_at COLLATE "C" DESC, id COLLATE "C" DESC
            """
        if limit >= 0 { sql.text += " LIMIT \(sql.bind(limit))" }
        return try query(sql.query).map { try $0.decode(String.self) }
    }

    /// Scenario id → the end (ISO-8601 UTC) of its latest finished live drill.
    public func lastLiveDrills() throws -> [String: String] {
        let rows = try query("""
            SELECT scenario_id, MAX(ended_at COLLATE "C") FROM run
            WHERE status = 'finished' AND mode = 'live' AND ended_at IS NOT NULL
            GROUP BY scenario_id
            """)
        var latest: [String: String] = [:]
        for row in rows {
            let (scenarioID, ended) = try row.decode((String, String).self)
            latest[scenarioID] = ended
        }
        return latest
    }

    // MARK: Building the queries

    /// SQL text with its binds: each value is a `$n` placeholder, never part of the text.
    private struct SQLText {
        var text = ""
        private(set) var binds = PostgresBindings()

        /// The placeholder of `value`, bound.
        mutating func bind(_ value: String) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }

        mutating func bind(_ value: Int) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }

        var query: PostgresQuery { PostgresQuery(unsafeSQL: text, binds: binds) }
    }

    /// Conditions on the run table, aliased `r`, their values bound in `sql`. Instants
    /// compare as text, byte by byte: the stored form is fixed-width UTC.
    private static func runConditions(scenarioID: String?, since: Date?, until: Date?, into sql: inout SQLText) -> [String] {
        var conditions: [String] = []
        if let scenarioID { conditions.append("r.scenario_id = \(sql.bind(scenarioID))") }
        if let since { conditions.append("r.started_at COLLATE \"C\" >= \(sql.bind(Timestamp.string(from: since)))") }
        if let until { conditions.append("r.started_at COLLATE \"C\" < \(sql.bind(Timestamp.string(from: until)))") }
        return conditions
    }

    /// Runs the statement `statement` makes from the conditions on finished runs matching the
    /// filters, and hands each row to `row`, read leniently.
    private static func each(
        _ transaction: Transaction, scenarioID: String?, since: Date?, until: Date?,
        _ statement: (String) -> String, row body: (inout LenientRow<PostgresCells>) -> Void
    ) throws {
        var sql = SQLText()
        var conditions = runConditions(scenarioID: scenarioID, since: since, until: until, into: &sql)
        conditions.append("r.status = 'finished'")
        sql.text = statement(conditions.joined(separator: " AND "))
        for row in try transaction.query(sql.query) {
            var reader = LenientRow(row)
            body(&reader)
        }
    }
}

/// The columns of a PostgreSQL row, for ``FiredrillStore/LenientRow``. The columns are typed,
/// so a value is unreadable only when the query and the schema disagree (or a column was
/// altered behind firedrill's back): it is then named by its type.
struct PostgresCells: StoredCells {
    let row: PostgresRandomAccessRow

    func string(at index: Int) -> StoredCell<String> { cell(at: index) }
    func double(at index: Int) -> StoredCell<Double> { cell(at: index) }
    func int64(at index: Int) -> StoredCell<Int64> { cell(at: index) }
    func int(at index: Int) -> StoredCell<Int> { cell(at: index) }
    func bool(at index: Int) -> StoredCell<Bool> { cell(at: index) }

    private func cell<T: PostgresDecodable>(at index: Int) -> StoredCell<T> {
        let cell = row[index]
        guard cell.bytes != nil else { return .null }
        do {
            return .value(try cell.decode(T.self))
        } catch {
            return .unreadable("a value of type \(cell.dataType)")
        }
    }
}

extension LenientRow where Cells == PostgresCells {
    init(_ row: PostgresRow) {
        self.init(cells: PostgresCells(row: row.makeRandomAccess()))
    }
}
