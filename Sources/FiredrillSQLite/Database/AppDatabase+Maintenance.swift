import FiredrillStore
import GRDB

// Raw access for tests, below the store's invariants. Internal: reachable only through
// `@testable import`.
extension AppDatabase {
    /// Executes SQL statements as they are, in one transaction.
    func unsafeExecute(sql: String, arguments: [String] = []) throws {
        try writer.write { db in
            try db.execute(sql: sql, arguments: StatementArguments(arguments))
        }
    }

    /// The first column of the first row of a query, as text.
    func unsafeFetchText(sql: String, arguments: [String] = []) throws -> String? {
        try writer.read { db in
            try String.fetchOne(db, sql: sql, arguments: StatementArguments(arguments))
        }
    }

    /// The connection's `PRAGMA synchronous` (1 NORMAL, 2 FULL), read on the writer.
    func synchronousSetting() throws -> Int {
        try writer.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
        }
    }

    /// The `detail` lines of SQLite's plan for a query.
    func queryPlan(_ query: SQL) throws -> [String] {
        try writer.read { db in
            let (sql, arguments) = try query.build(db)
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] }
        }
    }
}
