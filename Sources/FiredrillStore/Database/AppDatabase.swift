import Foundation
import GRDB

/// The firedrill database: drill runs, their hash-chained event logs, objective results and
/// the improvement plan's corrective actions.
///
/// ```swift
/// let database = try AppDatabase.open(path: AppDatabase.defaultPath(environment: env))
/// let recorder = try database.startRun(scenario: scenario, source: text, path: file,
///                                      mode: .terminal, speed: 1, participants: [])
/// ```
///
/// All access goes through the methods of this type, each in one read or one write
/// transaction, so the database invariants (contiguous sequences, chain head and event
/// count on the run row) always hold.
public final class AppDatabase: Sendable {
    /// Access to the database. The `Database` handle never leaves its closures.
    let writer: any DatabaseWriter

    /// Creates an `AppDatabase` over `writer` and brings its schema up to date.
    ///
    /// Throws ``StoreError`` (`.newerSchema`) without changing anything when the database
    /// was written by a newer firedrill, and (`.notFiredrillDatabase`) when it holds another
    /// application's tables.
    public init(_ writer: any DatabaseWriter) throws {
        let path = writer.path
        switch try writer.read({ db in try Self.schemaState(db) }) {
        case .empty, .current, .older: break
        case .newer(let unknown): throw StoreError.newerSchema(path, unknownMigrations: unknown)
        case .foreign(let tables): throw StoreError.notFiredrillDatabase(path, tables: tables)
        }
        do {
            try Self.migrator.migrate(writer)
        } catch {
            // Another process opening the same new file may have applied a migration after we
            // looked: its transaction committed first and ours failed. Each migration is one
            // transaction, so migrating again is safe, and finds nothing left to do.
            try Self.migrator.migrate(writer)
        }
        if case .newer(let unknown) = try writer.read({ db in try Self.schemaState(db) }) {
            throw StoreError.newerSchema(path, unknownMigrations: unknown)
        }
        self.writer = writer
    }

    /// The path of the database file (`:memory:` for an in-memory database).
    public var path: String { writer.path }

    /// Closes the database connections. The value must not be used afterwards. Without it, the connections close when the
    /// value is released.
    public func close() throws {
        try writer.close()
    }
}

// MARK: - Schema state

extension AppDatabase {
    enum SchemaState: Equatable {
        /// No table at all: a new database.
        case empty
        /// Every migration of this firedrill is applied.
        case current
        /// Some migrations are pending.
        case older
        /// Applied migrations this firedrill does not know.
        case newer(unknownMigrations: [String])
        /// Tables, but no firedrill migrations.
        case foreign(tables: [String])
    }

    /// What the database holds, read without writing anything.
    static func schemaState(_ db: Database) throws -> SchemaState {
        let applied = try migrator.appliedIdentifiers(db)
        let known = Set(migrator.migrations)
        let unknown = applied.subtracting(known)
        if !unknown.isEmpty { return .newer(unknownMigrations: unknown.sorted()) }
        if applied.isEmpty {
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master
                WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'grdb\\_%' ESCAPE '\\'
                ORDER BY name
                """)
            return tables.isEmpty ? .empty : .foreign(tables: tables)
        }
        return applied == known ? .current : .older
    }
}
