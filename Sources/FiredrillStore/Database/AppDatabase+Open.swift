import Foundation
import GRDB

/// How hard commits are pushed to the disk.
public enum Durability: String, Sendable, Hashable, CaseIterable {
    /// WAL with `synchronous=NORMAL`: a commit survives the process being killed; on power
    /// loss the database stays consistent but the last commits may be lost.
    case normal
    /// WAL with `synchronous=FULL`: every commit is synced to the disk (fsync) before it
    /// returns, at the price of slower writes.
    case full

    var synchronousPragma: String {
        switch self {
        case .normal: "NORMAL"
        case .full: "FULL"
        }
    }
}

extension AppDatabase {
    /// How long a write waits for another process's write to finish before failing.
    public static let busyTimeout: TimeInterval = 10

    /// Opens (or creates) the database file at `path` in WAL mode, so that several firedrill
    /// processes can use it at once, and brings its schema up to date.
    ///
    /// The parent directories are created when missing. A file that is not a database, is
    /// damaged, cannot be written, was written by a newer firedrill or belongs to another
    /// application is refused with a ``StoreError`` naming it, and is left unchanged.
    public static func open(path: String, durability: Durability = .normal) throws(StoreError) -> AppDatabase {
        let path = NSString(string: path).expandingTildeInPath
        guard !path.isEmpty, !path.hasSuffix("/") else {
            throw .cannotCreatePath(path, reason: "the path names a directory, not a file")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try prepareDirectory(directory, for: path)
        // Several processes may open (and create) the same file at once; SQLite does not
        // wait for a lock while switching a new file to WAL, so openings take turns.
        let lock = OpeningLock(directory: directory)
        defer { lock.release() }

        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw .cannotCreatePath(path, reason: "it is a directory") }
            try preflight(path, directory: directory)
        } else if access(directory, W_OK) != 0 {
            throw .readOnly(path, what: "the directory '\(directory)' is not writable")
        }

        do {
            let pool = try DatabasePool(path: path, configuration: makeConfiguration(durability: durability))
            // DatabasePool sets synchronous=NORMAL on its writer when it enables WAL.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(durability.synchronousPragma)")
            }
            return try AppDatabase(pool)
        } catch {
            throw classify(error, path: path)
        }
    }

    /// An empty database in memory, for tests and previews.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: makeConfiguration(durability: .normal)))
    }

    /// The database file used when the command line names none: `$FIREDRILL_DB`, else
    /// `$XDG_DATA_HOME/firedrill/firedrill.sqlite`, else
    /// `$HOME/.local/share/firedrill/firedrill.sqlite`. (`--db` overrides them all.)
    public static func defaultPath(environment: [String: String]) -> String {
        if let path = environment["FIREDRILL_DB"], !path.isEmpty { return path }
        // The XDG specification ignores relative paths.
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            return joined(dataHome, "firedrill/firedrill.sqlite")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return joined(home, ".local/share/firedrill/firedrill.sqlite")
    }

    /// The configuration of every connection: foreign keys, busy timeout, durability.
    static func makeConfiguration(durability: Durability) -> Configuration {
        var config = Configuration()
        config.label = "firedrill"
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = \(durability.synchronousPragma)")
            }
        }
        return config
    }

    private static func joined(_ directory: String, _ relative: String) -> String {
        var directory = directory
        while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
        return directory == "/" ? "/" + relative : directory + "/" + relative
    }
}

// MARK: - Checks before opening

extension AppDatabase {
    private static func prepareDirectory(_ directory: String, for path: String) throws(StoreError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .cannotCreatePath(path, reason: "'\(directory)' is a file, not a directory")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreatePath(path, reason: "the directory '\(directory)' cannot be created (\(reason(error)))")
        }
    }

    /// Checks an existing file without writing to it: SQLite header, permissions, and schema
    /// read over a read-only connection. Opening a `DatabasePool` may write (it enables WAL),
    /// so nothing that must be refused gets that far.
    private static func preflight(_ path: String, directory: String) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotOpen(path, reason: "the file cannot be read; check its permissions")
        }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        if !header.isEmpty && header != Data("SQLite format 3\0".utf8) {
            throw .notADatabase(path)
        }
        // Root passes these checks whatever the mode bits; SQLite's own errors remain.
        if access(path, W_OK) != 0 {
            throw .readOnly(path, what: "the file is read-only")
        }
        if access(directory, W_OK) != 0 {
            throw .readOnly(path, what: "its directory '\(directory)' is not writable (SQLite keeps '-wal' and '-shm' files next to the database)")
        }
        guard !header.isEmpty else { return } // An empty file is a new database.

        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        let state: SchemaState
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            state = try queue.read { db in try schemaState(db) }
        } catch {
            throw classify(error, path: path)
        }
        switch state {
        case .empty, .current, .older: break
        case .newer(let unknown): throw .newerSchema(path, unknownMigrations: unknown)
        case .foreign(let tables): throw .notFiredrillDatabase(path, tables: tables)
        }
    }

    /// Turns an error met while opening `path` into a ``StoreError``.
    static func classify(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else {
            return .cannotOpen(path, reason: reason(error))
        }
        return classify(resultCode: error.resultCode.rawValue, message: error.message, path: path)
    }

    /// Turns an SQLite primary result code met while opening `path` into a ``StoreError``.
    static func classify(resultCode: CInt, message: String?, path: String) -> StoreError {
        switch resultCode {
        case ResultCode.SQLITE_NOTADB.rawValue:
            return .notADatabase(path)
        case ResultCode.SQLITE_CORRUPT.rawValue:
            return .corrupt(path, detail: message)
        case ResultCode.SQLITE_READONLY.rawValue, ResultCode.SQLITE_PERM.rawValue:
            return .readOnly(path, what: "SQLite cannot write it (\(message ?? "read-only"))")
        case ResultCode.SQLITE_CANTOPEN.rawValue:
            return .cannotOpen(path, reason: "SQLite cannot open the file; check that it and its directory are accessible")
        case ResultCode.SQLITE_BUSY.rawValue:
            return .cannotOpen(path, reason: "another process kept the database locked for more than \(Int(busyTimeout)) seconds; try again")
        default:
            return .cannotOpen(path, reason: message ?? "SQLite error \(resultCode)")
        }
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return nsError.localizedDescription
    }
}

/// An advisory lock (flock) on the database's directory, held while a process opens the
/// database: enabling WAL and migrating are then done by one process at a time. Waits at
/// most ``AppDatabase/busyTimeout``, then proceeds without it.
private struct OpeningLock {
    private let descriptor: CInt

    init(directory: String) {
        descriptor = open(directory, O_RDONLY)
        guard descriptor >= 0 else { return }
        let deadline = Date().addingTimeInterval(AppDatabase.busyTimeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else { break }
            usleep(5_000)
        }
    }

    func release() {
        guard descriptor >= 0 else { return }
        _ = flock(descriptor, LOCK_UN)
        _ = close(descriptor)
    }
}
