import FiredrillCore
import FiredrillStore
import Foundation
import PostgresNIO

/// The near-miss register. What is checked before an entry is stored and how its fields are
/// stored and read back are the store's rules (``FiredrillStore/StoredNearMiss``), shared
/// with the SQLite store; here is only SQL.
extension PostgresStore {
    static let nearMissColumns = "id, title, what_happened, tags, impact, occurred_on, name, reported_on"

    /// Records a submission already checked by the core (and checked again here), reported on
    /// `reportedOn` (`yyyy-MM-dd`); an anonymous one without its name.
    public func addNearMiss(_ submission: NearMiss.Submission, reportedOn: String) throws -> NearMiss {
        let valid = try StoredNearMiss.checked(submission, reportedOn: reportedOn)
        let id = try query("""
            INSERT INTO near_miss (title, what_happened, tags, impact, occurred_on, name, reported_on)
            VALUES (\(valid.title), \(valid.whatHappened), \(StoredNearMiss.storedTags(valid.tags)), \(valid.impact),
                    \(valid.occurredOn), \(StoredNearMiss.storedName(valid)), \(reportedOn))
            RETURNING id
            """)[0].decode(Int64.self)
        return StoredNearMiss.entry(id: id, valid, reportedOn: reportedOn)
    }

    /// Every entry, oldest first.
    public func nearMisses() throws -> [NearMiss] {
        try query("SELECT \(unescaped: Self.nearMissColumns) FROM near_miss ORDER BY id").map(Self.nearMiss)
    }

    /// Every entry, oldest first, with what ranking needs only: the title and text empty, the name absent.
    public func nearMissFacts() throws -> [NearMiss] {
        try query("SELECT id, tags, impact, occurred_on, reported_on FROM near_miss ORDER BY id").map { row in
            let (id, tags, impact, occurredOn, reportedOn) = try row.decode((Int64, String, Int, String, String).self)
            return StoredNearMiss.facts(id: id, tags: tags, impact: impact, occurredOn: occurredOn, reportedOn: reportedOn)
        }
    }

    /// The entries with these ids, whole, by id.
    public func nearMisses(ids: [Int64]) throws -> [Int64: NearMiss] {
        guard !ids.isEmpty else { return [:] }
        var found: [Int64: NearMiss] = [:]
        for row in try query("SELECT \(unescaped: Self.nearMissColumns) FROM near_miss WHERE id = ANY(\(ids))") {
            let entry = try Self.nearMiss(row)
            found[entry.id] = entry
        }
        return found
    }

    /// Marks entry `id` as the most valuable near miss of `month` (`yyyy-MM`), replacing an
    /// earlier pick; `nil` removes the pick.
    public func pickMostValuableNearMiss(month: String, id: Int64?, at date: Date) throws {
        try StoredNearMiss.checkMonth(month)
        try transaction { transaction in
            guard let id else {
                try transaction.query("DELETE FROM near_miss_pick WHERE month = \(month)")
                return
            }
            // The entry's row is held (`FOR KEY SHARE`, as the foreign key would) until the pick is stored.
            guard try !transaction.query("SELECT 1 FROM near_miss WHERE id = \(id) FOR KEY SHARE").isEmpty else {
                throw StoredNearMiss.notFound(id)
            }
            try transaction.query("""
                INSERT INTO near_miss_pick (month, near_miss_id, picked_at) VALUES (\(month), \(id), \(Timestamp.string(from: date)))
                ON CONFLICT (month) DO UPDATE SET near_miss_id = EXCLUDED.near_miss_id, picked_at = EXCLUDED.picked_at
                """)
        }
    }

    /// Month (`yyyy-MM`) → the entry picked as its most valuable near miss.
    public func mostValuableNearMisses() throws -> [String: Int64] {
        var picks: [String: Int64] = [:]
        for row in try query("SELECT month, near_miss_id FROM near_miss_pick") {
            let (month, id) = try row.decode((String, Int64).self)
            picks[month] = id
        }
        return picks
    }

    /// An entry from its row (``nearMissColumns``).
    private static func nearMiss(_ row: PostgresRow) throws -> NearMiss {
        let (id, title, whatHappened, tags, impact, occurredOn, name, reportedOn) = try row.decode(
            (Int64, String, String, String, Int, String, String?, String).self
        )
        return StoredNearMiss.entry(
            id: id, title: title, whatHappened: whatHappened, tags: tags, impact: impact, occurredOn: occurredOn, name: name, reportedOn: reportedOn
        )
    }
}
