import FiredrillCore
import Foundation

// The rules of the history and trend listings that do not depend on SQL, shared by every
// store: reading a listing row without trusting its stored values, making a row of the
// history, a trend point or a department's points from the rows the store's queries return,
// and the page a filter asks for. Each store keeps only its SQL; its queries return the
// columns in the order each function here names.

// MARK: Reading stored values leniently

/// One stored value, as the store found it.
package enum StoredCell<Value> {
    case null
    case value(Value)
    /// Stored, but not readable as `Value`: what is there, as the store shows it.
    case unreadable(String)
}

/// The columns of one row, by index, as a store reads them.
package protocol StoredCells {
    func string(at index: Int) -> StoredCell<String>
    func double(at index: Int) -> StoredCell<Double>
    func int64(at index: Int) -> StoredCell<Int64>
    func int(at index: Int) -> StoredCell<Int>
    func bool(at index: Int) -> StoredCell<Bool>
}

/// The types a ``LenientRow`` reads.
package protocol LenientValue {
    static func cell(at index: Int, of cells: some StoredCells) -> StoredCell<Self>
}

extension String: LenientValue {
    package static func cell(at index: Int, of cells: some StoredCells) -> StoredCell<String> { cells.string(at: index) }
}

extension Double: LenientValue {
    package static func cell(at index: Int, of cells: some StoredCells) -> StoredCell<Double> { cells.double(at: index) }
}

extension Int64: LenientValue {
    package static func cell(at index: Int, of cells: some StoredCells) -> StoredCell<Int64> { cells.int64(at: index) }
}

extension Int: LenientValue {
    package static func cell(at index: Int, of cells: some StoredCells) -> StoredCell<Int> { cells.int(at: index) }
}

extension Bool: LenientValue {
    package static func cell(at index: Int, of cells: some StoredCells) -> StoredCell<Bool> { cells.bool(at: index) }
}

/// Reads the columns of a listing row without trusting their values.
///
/// A store may hold a value a listing cannot use (SQLite keeps whatever value a column is
/// given; any database can be edited behind firedrill's back). Listings (history, trends)
/// read every run, so one edited or damaged row must not take the whole listing down: here an
/// unreadable value becomes `nil` and a note in ``damage``, which the listing shows.
package struct LenientRow<Cells: StoredCells> {
    package let cells: Cells
    package private(set) var damage: [String] = []

    package init(cells: Cells) {
        self.cells = cells
    }

    /// The value at `index`, or `nil` when it is NULL, not of type `T` or not a finite
    /// number (the last two noted as damage).
    package mutating func value<T: LenientValue>(_ type: T.Type, at index: Int, column: String) -> T? {
        switch T.cell(at: index, of: cells) {
        case .null:
            return nil
        case .value(let value):
            if let number = value as? Double, !number.isFinite {
                damage.append("\(column) is not a finite number")
                return nil
            }
            return value
        case .unreadable(let stored):
            damage.append("\(column) is unreadable (\(stored.prefix(40)))")
            return nil
        }
    }

    package mutating func noteDamage(_ note: String) {
        damage.append(note)
    }

    /// Text at `index`; an unreadable value is shown as it is stored, and noted.
    package mutating func text(at index: Int, column: String) -> String {
        switch cells.string(at: index) {
        case .value(let text):
            return text
        case .null:
            damage.append("\(column) is not text")
            return "NULL"
        case .unreadable(let stored):
            damage.append("\(column) is not text")
            return stored
        }
    }
}

// MARK: The history

extension HistoryFilter {
    /// The rows to return after the ordering, `nil` for all of them: at most `limit` (`nil`
    /// for no limit) after skipping `offset`, neither below zero.
    package var page: (limit: Int?, offset: Int)? {
        guard limit != nil || offset > 0 else { return nil }
        return (limit.map { max(0, $0) }, max(0, offset))
    }
}

package enum HistoryListing {
    /// The columns a history row is read from, in the order ``row(_:)`` reads them, from
    /// the `run` table as `r` (the same SQL on both stores).
    package static let select = """
        SELECT r.id, r.scenario_id, r.scenario_title, r.started_at, r.ended_at, r.status, r.score,
               r.ack_ms, r.escalate_ms, r.first_action_ms, r.resolve_ms,
               (SELECT COUNT(*) FROM corrective_action a WHERE a.run_id = r.id AND a.status <> 'closed'),
               r.mode, r.objectives_exercised, r.objectives_total, r.complete,
               r.detection_ms, r.effective_escalation_ms, r.effective_action_ms
        FROM run r
        """

    /// A stored instant, or `nil` (noted as damage) when it is not in the stored form.
    package static func date<Cells>(_ text: String, column: String, reader: inout LenientRow<Cells>) -> Date? {
        guard let date = Timestamp.date(from: text) else {
            reader.noteDamage("\(column) '\(text.prefix(40))' is not an ISO-8601 UTC instant")
            return nil
        }
        return date
    }

    /// One run of the history from its row: `r.id, r.scenario_id, r.scenario_title,
    /// r.started_at, r.ended_at, r.status, r.score, r.ack_ms, r.escalate_ms,
    /// r.first_action_ms, r.resolve_ms, (its corrective actions not closed), r.mode,
    /// r.objectives_exercised, r.objectives_total, r.complete, r.detection_ms,
    /// r.effective_escalation_ms, r.effective_action_ms`. Values that cannot be read are left
    /// out and named in ``HistoryRow/damage``.
    package static func row<Cells>(_ reader: inout LenientRow<Cells>) -> HistoryRow {
        let startedText = reader.text(at: 3, column: "started_at")
        let started = date(startedText, column: "started_at", reader: &reader)
        let ended = reader.value(String.self, at: 4, column: "ended_at").flatMap { date($0, column: "ended_at", reader: &reader) }
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
        return result
    }

    /// The id and start of a run whose row begins `r.id, r.started_at`; `nil` when its start
    /// cannot be read: such a run has no place on a time axis, and is left out of trends.
    package static func runStart<Cells>(_ reader: inout LenientRow<Cells>) -> (id: String, startedAt: Date)? {
        let id = reader.text(at: 0, column: "id")
        guard let started = date(reader.text(at: 1, column: "started_at"), column: "started_at", reader: &reader) else { return nil }
        return (id, started)
    }
}

// MARK: Trends

/// The trend points of finished runs, made from the rows of four queries over the same runs:
/// their objectives' credits, quiz results and departments (any order, each before the runs),
/// then the runs themselves, oldest first (`ORDER BY r.started_at, r.id`).
package struct TrendListing {
    private var credits: [String: [String: Double]] = [:]
    private var quizShares: [String: [String: Double]] = [:]
    private var departments: [String: [String]] = [:]
    package private(set) var points: [TrendPoint] = []

    package init() {}

    /// `o.run_id, o.objective_id, o.credit` of an objective result whose credit is not NULL.
    package mutating func addCredit<Cells>(_ reader: inout LenientRow<Cells>) {
        guard let credit = reader.value(Double.self, at: 2, column: "credit"), (0...1).contains(credit) else { return }
        credits[reader.text(at: 0, column: "run_id"), default: [:]][reader.text(at: 1, column: "objective_id")] = credit
    }

    /// `q.run_id, q.question_id, q.answers, q.correct` of a question someone answered.
    package mutating func addQuizResult<Cells>(_ reader: inout LenientRow<Cells>) {
        guard let answers = reader.value(Int.self, at: 2, column: "answers"), let correct = reader.value(Int.self, at: 3, column: "correct"),
              answers > 0, (0...answers).contains(correct) else { return }
        quizShares[reader.text(at: 0, column: "run_id"), default: [:]][reader.text(at: 1, column: "question_id")] = Double(correct) / Double(answers)
    }

    /// `p.run_id, p.department` of a participant with a department: distinct pairs, each
    /// run's departments in byte order.
    package mutating func addDepartment<Cells>(_ reader: inout LenientRow<Cells>) {
        departments[reader.text(at: 0, column: "run_id"), default: []].append(reader.text(at: 1, column: "department"))
    }

    /// `r.id, r.started_at, r.scenario_id, r.score, r.ack_ms, r.escalate_ms,
    /// r.first_action_ms, r.resolve_ms, r.complete` of a finished run.
    package mutating func addRun<Cells>(_ reader: inout LenientRow<Cells>) {
        guard let (id, started) = HistoryListing.runStart(&reader) else { return }
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
}

/// Each department's part in finished runs, made from the rows of three queries over the
/// same runs: the objectives its roles met and the actions they took (any order, each before
/// the runs), then the runs themselves, oldest first (`ORDER BY r.started_at, r.id`). Times
/// count from the run's detection.
package struct DepartmentTrendListing {
    /// What separates the departments of a run in the last column of its row.
    package static let departmentSeparator: Character = "\u{1F}"

    private struct Key: Hashable { var run: String, department: String }
    private struct Acts { var count = 0, first: [String: Int64] = [:] }

    private var credits: [Key: [String: Double]] = [:]
    private var acts: [Key: Acts] = [:]
    package private(set) var points: [DepartmentTrendPoint] = []

    package init() {}

    /// `o.run_id, p.department, o.objective_id, o.credit` of an objective met by a role of a
    /// department (the participant whose role is the result's `met_by`).
    package mutating func addCredit<Cells>(_ reader: inout LenientRow<Cells>) {
        guard let credit = reader.value(Double.self, at: 3, column: "credit"), (0...1).contains(credit) else { return }
        let key = Key(run: reader.text(at: 0, column: "run_id"), department: reader.text(at: 1, column: "department"))
        credits[key, default: [:]][reader.text(at: 2, column: "objective_id")] = credit
    }

    /// `e.run_id, p.department, (the payload's kind), COUNT(*), MIN(e.drill_ms)` of the action
    /// events of a department's roles (the payload's role), grouped by run, department and kind.
    package mutating func addActions<Cells>(_ reader: inout LenientRow<Cells>) {
        let key = Key(run: reader.text(at: 0, column: "run_id"), department: reader.text(at: 1, column: "department"))
        let kind = reader.value(String.self, at: 2, column: "kind") ?? ""
        acts[key, default: Acts()].count += reader.value(Int.self, at: 3, column: "actions") ?? 0
        if let first = reader.value(Int64.self, at: 4, column: "drill_ms") { acts[key, default: Acts()].first[kind] = first }
    }

    /// `r.id, r.started_at, r.scenario_id, r.complete, r.detection_ms, (the run's distinct
    /// departments in byte order, joined by ``departmentSeparator``; NULL for none)` of a
    /// finished run: one point per department.
    package mutating func addRun<Cells>(_ reader: inout LenientRow<Cells>) {
        guard let (id, started) = HistoryListing.runStart(&reader) else { return }
        let detection = reader.value(Int64.self, at: 4, column: "detection_ms") ?? 0
        let departments = (reader.value(String.self, at: 5, column: "departments") ?? "").split(separator: Self.departmentSeparator).map(String.init)
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
}
