import FiredrillCore
import FiredrillStore
import Foundation
import GRDB

extension AppDatabase {
    public func addNearMiss(_ submission: NearMiss.Submission, reportedOn: String) throws -> NearMiss {
        let valid = try StoredNearMiss.checked(submission, reportedOn: reportedOn)
        return try write { db in
            try db.execute(sql: """
                INSERT INTO near_miss (title, what_happened, tags, impact, occurred_on, name, reported_on)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [valid.title, valid.whatHappened, StoredNearMiss.storedTags(valid.tags), valid.impact,
                                 valid.occurredOn, StoredNearMiss.storedName(valid), reportedOn])
            return StoredNearMiss.entry(id: db.lastInsertedRowID, valid, reportedOn: reportedOn)
        }
    }

    public func nearMisses() throws -> [NearMiss] {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT id, title, what_happened, tags, impact, occurred_on, name, reported_on FROM near_miss ORDER BY id
                """)
            var entries: [NearMiss] = []
            while let row = try cursor.next() { entries.append(Self.nearMiss(row)) }
            return entries
        }
    }

    public func nearMissFacts() throws -> [NearMiss] {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT id, tags, impact, occurred_on, reported_on FROM near_miss ORDER BY id")
            var entries: [NearMiss] = []
            while let row = try cursor.next() {
                entries.append(StoredNearMiss.facts(id: row[0], tags: row[1], impact: row[2], occurredOn: row[3], reportedOn: row[4]))
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
                    let entry = Self.nearMiss(row)
                    found[entry.id] = entry
                }
            }
            return found
        }
    }

    /// An entry from its row (`id, title, what_happened, tags, impact, occurred_on, name, reported_on`).
    private static func nearMiss(_ row: Row) -> NearMiss {
        StoredNearMiss.entry(
            id: row[0], title: row[1], whatHappened: row[2], tags: row[3], impact: row[4], occurredOn: row[5], name: row[6], reportedOn: row[7]
        )
    }

    public func pickMostValuableNearMiss(month: String, id: Int64?, at date: Date) throws {
        try StoredNearMiss.checkMonth(month)
        try write { db in
            guard let id else {
                try db.execute(sql: "DELETE FROM near_miss_pick WHERE month = ?", arguments: [month])
                return
            }
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM near_miss WHERE id = ?", arguments: [id]) != nil else {
                throw StoredNearMiss.notFound(id)
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
