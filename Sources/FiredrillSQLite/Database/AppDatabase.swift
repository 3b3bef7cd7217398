import Foundation
import FiredrillStore
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
    /// The file as the user named it (the connection may use a URI form of it).
    private let filePath: String?

    /// Creates an `AppDatabase` over `writer` and, with `migrating`, brings its schema up to
    /// date (without it, the schema must be current already).
    ///
    /// Throws ``StoreError`` (`.newerSchema`) without changing anything when the database
    /// was written by a newer firedrill, and (`.notFiredrillDatabase`) when it holds another
    /// application's tables.
    public init(_ writer: any DatabaseWriter, migrating: Bool = true, filePath: String? = nil) throws {
        let path = filePath ?? writer.path
        switch try writer.read({ db in try Self.schemaState(db) }) {
        case .current: break
        case .empty, .older:
            guard migrating else {
                throw StoreError(.cannotOpen, "the database '\(path)' needs its schema brought up to date; open it with a command that records", path: path)
            }
        case .newer(let unknown): throw StoreError.newerSchema(path, unknownMigrations: unknown)
        case .foreign(let tables): throw StoreError.notFiredrillDatabase(path, tables: tables)
        }
        if migrating {
            // Each migration is one transaction; a process that migrated first leaves nothing
            // to do. (Openings that migrate take turns, see `open(path:durability:access:)`.)
            try Self.migrator.migrate(writer)
            if case .newer(let unknown) = try writer.read({ db in try Self.schemaState(db) }) {
                throw StoreError.newerSchema(path, unknownMigrations: unknown)
            }
        }
        self.writer = writer
        self.filePath = filePath
    }

    /// The path of the database file (`:memory:` for an in-memory database).
    public var path: String { filePath ?? writer.path }

    /// Closes the database connections. The value must not be used afterwards. Without it, the connections close when the
    /// value is released.
    public func close() throws {
        try writer.close()
    }

    /// Runs `updates` in one write transaction. Failures of the database itself (a full
    /// disk, a lock held too long, an I/O error) become a ``StoreError`` naming the file;
    /// the transaction is rolled back, so nothing of it is stored.
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(updates)
        } catch let error as DatabaseError {
            throw Self.classifyWrite(error, path: path)
        }
    }

    /// Runs `value` in one read transaction (a snapshot), with errors as in ``write(_:)``.
    func read<T>(_ value: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(value)
        } catch let error as DatabaseError {
            throw Self.classifyWrite(error, path: path)
        }
    }

    /// Whether the database answers: one trivial read (for health checks).
    public func ping() throws {
        _ = try read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    static func classifyWrite(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode.primaryResultCode {
        case .SQLITE_FULL: .diskFull(path)
        case .SQLITE_IOERR where isOnFullDisk(path): .diskFull(path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: .busy(path)
        case .SQLITE_READONLY, .SQLITE_PERM: .readOnly(path, what: "SQLite cannot write it (\(error.message ?? "read-only"))")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: .corrupt(path, detail: error.message)
        case .SQLITE_IOERR: .writeFailed(path, detail: "I/O error: \(error.message ?? "unknown")")
        default: .writeFailed(path, detail: error.message ?? "SQLite error \(error.resultCode.rawValue)")
        }
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

extension AppDatabase: DrillStore {
    /// The database file's path.
    public var location: String { path }
}

extension RunRecorder: RunRecording {}
