import FiredrillCore
import FiredrillStore
import Foundation
import GRDB

extension AppDatabase {
    public func addNearMiss(_ submission: NearMiss.Submission, reportedOn: String) throws -> NearMiss {
        guard let day = CalendarDay(reportedOn) else {
            throw StoreError.invalidInput("the report day '\(reportedOn.prefix(20))' is not a date written yyyy-MM-dd")
        }
        // The core's checks once more: nothing unchecked reaches the register, whoever calls.
        let valid: NearMiss.Submission
        do { valid = try submission.validated(today: day) } catch { throw StoreError.invalidInput(error.message) }
        return try write { db in
            try db.execute(sql: """
                INSERT INTO near_miss (title, what_happened, tags, impact, occurred_on, name, reported_on)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [valid.title, valid.whatHappened, valid.tags.joined(separator: "\n"), valid.impact,
                                 valid.occurredOn, valid.anonymous ? nil : valid.name, reportedOn])
            return NearMiss(id: db.lastInsertedRowID, title: valid.title, whatHappened: valid.whatHappened, tags: valid.tags,
                            impact: valid.impact, occurredOn: valid.occurredOn, name: valid.anonymous ? nil : valid.name, reportedOn: reportedOn)
        }
    }

    public func nearMisses() throws -> [NearMiss] {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT id, title, what_happened, tags, impact, occurred_on, name, reported_on FROM near_miss ORDER BY id
                """)
            var entries: [NearMiss] = []
            while let row = try cursor.next() {
                let tags: String = row[3]
                entries.append(NearMiss(
                    id: row[0], title: row[1], whatHappened: row[2],
                    tags: tags.isEmpty ? [] : tags.split(separator: "\n", omittingEmptySubsequences: true).map(String.init),
                    impact: row[4], occurredOn: row[5], name: row[6], reportedOn: row[7]
                ))
            }
            return entries
        }
    }

    public func nearMissFacts() throws -> [NearMiss] {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT id, tags, impact, occurred_on, reported_on FROM near_miss ORDER BY id")
            var entries: [NearMiss] = []
            while let row = try cursor.next() {
                let tags: String = row[1]
                entries.append(NearMiss(
                    id: row[0], title: "", whatHappened: "",
                    tags: tags.isEmpty ? [] : tags.split(separator: "\n", omittingEmptySubsequences: true).map(String.init),
                    impact: row[2], occurredOn: row[3], name: nil, reportedOn: row[4]
                ))
            }
            return entries
        }
    }

    public func nearMisses(ids: [Int64]) throws -> [Int64: NearMiss] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            var found: [Int64: NearMiss] = [:]
            // In chunks, well within SQLite's limit on bound values.
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(ids.count, start + 500)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchAll(db, sql: """
                    SELECT id, title, what_happened, tags, impact, occurred_on, name, reported_on FROM near_miss WHERE id IN (\(marks))
                    """, arguments: StatementArguments(chunk))
                for row in rows {
                    let tags: String = row[3]
                    let entry = NearMiss(
                        id: row[0], title: row[1], whatHappened: row[2],
                        tags: tags.isEmpty ? [] : tags.split(separator: "\n", omittingEmptySubsequences: true).map(String.init),
                        impact: row[4], occurredOn: row[5], name: row[6], reportedOn: row[7]
                    )
                    found[entry.id] = entry
                }
            }
            return found
        }
    }

    public func pickMostValuableNearMiss(month: String, id: Int64?, at date: Date) throws {
        guard CalendarDay.isMonth(month) else {
            throw StoreError.invalidInput("the month '\(month.prefix(20))' is not written yyyy-MM")
        }
        try write { db in
            guard let id else {
                try db.execute(sql: "DELETE FROM near_miss_pick WHERE month = ?", arguments: [month])
                return
            }
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM near_miss WHERE id = ?", arguments: [id]) != nil else {
                throw StoreError.invalidInput("there is no near miss \(id)")
            }
            try db.execute(sql: """
                INSERT INTO near_miss_pick (month, near_miss_id, picked_at) VALUES (?, ?, ?)
                ON CONFLICT (month) DO UPDATE SET near_miss_id = excluded.near_miss_id, picked_at = excluded.picked_at
                """, arguments: [month, id, Timestamp.string(from: date)])
        }
    }

    public func mostValuableNearMisses() throws -> [String: Int64] {
        try read { db in
            var picks: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT month, near_miss_id FROM near_miss_pick") { picks[row[0]] = row[1] }
            return picks
        }
    }

    public func lastLiveDrills() throws -> [String: String] {
        try read { db in
            var latest: [String: String] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT scenario_id, MAX(ended_at) FROM run
                WHERE status = 'finished' AND mode = 'live' AND ended_at IS NOT NULL
                GROUP BY scenario_id
                """)
            for row in rows { latest[row[0]] = row[1] }
            return latest
        }
    }
}
