import Foundation
import FiredrillStore
import GRDB

extension Durability {
    var synchronousPragma: String {
        switch self {
        case .normal: "NORMAL"
        case .full: "FULL"
        }
    }
}

extension AppDatabase {
    /// How long a command waits for another process that holds the database before failing:
    /// one deadline for opening and each write.
    public static let busyTimeout: TimeInterval = StoreError.busyTimeout

    public typealias Access = StoreAccess

    /// Opens the database file at `path`.
    ///
    /// With `.readWrite`, the file is opened (or created) in WAL mode, so that several
    /// firedrill processes can use it at once, and its schema is brought up to date; the
    /// parent directories are created when missing. With `.readOnly`, nothing is written:
    /// readers never wait for writers, and a file that cannot be written can still be read.
    ///
    /// A file that is not a database, is empty, is damaged, cannot be written (when writing),
    /// was written by a newer firedrill or belongs to another application is refused with a
    /// ``StoreError`` naming it, and is left unchanged.
    public static func open(path: String, durability: Durability = .normal, access: Access = .readWrite) throws(StoreError) -> AppDatabase {
        let path = NSString(string: path).expandingTildeInPath
        guard !path.isEmpty, !path.hasSuffix("/") else {
            throw .cannotCreatePath(path, reason: "the path names a directory, not a file")
        }
        switch access {
        case .readOnly: return try openForReading(path: path, durability: durability)
        case .readWrite: return try openForWriting(path: path, durability: durability)
        }
    }

    private static func openForWriting(path: String, durability: Durability) throws(StoreError) -> AppDatabase {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let deadline = Date().addingTimeInterval(busyTimeout)
        try prepareDirectory(directory, for: path)

        // The common case, an up-to-date database, opens without any lock or write. Anything
        // else is looked at again under the opening lock below: an empty file, or a schema
        // half made, may be a database another process is creating or migrating right now
        // (a read then may even find grdb_migrations listed but not yet there), and a file
        // that is really wrong gives the same error there.
        do {
            if case .current = try existingState(path: path, directory: directory) {
                return try makePool(path: path, durability: durability, migrating: false)
            }
        } catch {}
        // Creating or migrating: one process at a time (SQLite does not wait for a lock while
        // switching a new file to WAL), within the same deadline.
        let lock = OpeningLock(directory: directory, deadline: deadline)
        defer { lock.release() }
        switch try existingState(path: path, directory: directory) {
        case .current: return try makePool(path: path, durability: durability, migrating: false)
        case nil:
            try createPrivateFile(path)
            return try makePool(path: path, durability: durability, migrating: true)
        case .empty, .older: return try makePool(path: path, durability: durability, migrating: true)
        case .newer(let unknown): throw .newerSchema(path, unknownMigrations: unknown)
        case .foreign(let tables): throw .notFiredrillDatabase(path, tables: tables)
        }
    }

    private static func makePool(path: String, durability: Durability, migrating: Bool) throws(StoreError) -> AppDatabase {
        do {
            let pool = try DatabasePool(path: path, configuration: makeConfiguration(durability: durability))
            // DatabasePool sets synchronous=NORMAL on its writer when it enables WAL.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(durability.synchronousPragma)")
            }
            return try AppDatabase(pool, migrating: migrating)
        } catch {
            throw classify(error, path: path)
        }
    }

    private static func openForReading(path: String, durability: Durability) throws(StoreError) -> AppDatabase {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .noDatabase(path)
        }
        if isDirectory.boolValue { throw .cannotOpen(path, reason: "it is a directory, not a database file") }
        try checkHeader(path)
        let state: SchemaState
        let queue: DatabaseQueue
        do {
            (queue, state) = try readOnlyQueue(path: path)
        } catch {
            throw classify(error, path: path)
        }
        switch state {
        case .current:
            do { return try AppDatabase(queue, migrating: false, filePath: path) } catch { throw classify(error, path: path) }
        case .older:
            // Bring the schema up to date once, when the file can be written.
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            guard access(path, W_OK) == 0, access(directory, W_OK) == 0 else {
                throw .cannotOpen(path, reason: "it was written by an older firedrill and must be upgraded, which needs a writable copy; copy it somewhere writable and name the copy with --db")
            }
            try? queue.close()
            return try openForWriting(path: path, durability: durability)
        case .empty: throw .notFiredrillDatabase(path, tables: [])
        case .newer(let unknown): throw .newerSchema(path, unknownMigrations: unknown)
        case .foreign(let tables): throw .notFiredrillDatabase(path, tables: tables)
        }
    }

    /// A read-only connection and the schema it sees. A WAL database in a place that cannot
    /// be written (an archive) cannot get its shared-memory file; it is then read as an
    /// immutable file, which SQLite reads without any lock.
    private static func readOnlyQueue(path: String) throws -> (DatabaseQueue, SchemaState) {
        var config = makeConfiguration(durability: .normal)
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            return (queue, try queue.read { db in try schemaState(db) })
        } catch let error as DatabaseError where [ResultCode.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_BUSY].contains(error.resultCode.primaryResultCode) {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            guard Foundation.access(path, W_OK) != 0 || Foundation.access(directory, W_OK) != 0 else { throw error }
            let queue = try DatabaseQueue(path: immutableURI(path), configuration: config)
            return (queue, try queue.read { db in try schemaState(db) })
        }
    }

    /// `file:PATH?immutable=1`, with the characters a URI reserves escaped.
    static func immutableURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// An empty database in memory, for tests and previews; `standingFor` is the file it
    /// stands in for (a database not created yet), shown as its path.
    public static func inMemory(standingFor path: String? = nil) throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: makeConfiguration(durability: .normal)), filePath: path)
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
            // Directories made for the database are its owner's alone, like the file.
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotCreatePath(path, reason: "the directory '\(directory)' cannot be created (\(reason(error)))")
        }
    }

    /// Creates the database file readable and writable by its owner only (0600): drill records
    /// name participants. SQLite gives its `-wal` and `-shm` files the same mode. An existing
    /// file keeps the mode its owner chose.
    private static func createPrivateFile(_ path: String) throws(StoreError) {
        let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return }
            throw .cannotCreatePath(path, reason: String(cString: strerror(errno)))
        }
        // The process's umask may have taken bits away, never added any: set them exactly.
        _ = fchmod(descriptor, 0o600)
        _ = Glibc.close(descriptor)
    }

    /// The first bytes of a database file: an empty file, or one of another kind, is refused.
    private static func checkHeader(_ path: String) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotOpen(path, reason: "the file cannot be read; check its permissions")
        }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        if header.isEmpty { throw .emptyFile(path) }
        if header != Data("SQLite format 3\0".utf8) { throw .notADatabase(path) }
    }

    /// What an existing file holds, checked without writing to it (`nil` when there is no
    /// file yet): SQLite header, permissions, and schema read over a read-only connection.
    /// Opening a `DatabasePool` may write (it enables WAL), so nothing that must be refused
    /// gets that far.
    private static func existingState(path: String, directory: String) throws(StoreError) -> SchemaState? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if access(directory, W_OK) != 0 { throw .readOnly(path, what: "the directory '\(directory)' is not writable") }
            return nil
        }
        if isDirectory.boolValue { throw .cannotCreatePath(path, reason: "it is a directory") }
        try checkHeader(path)
        // Root passes these checks whatever the mode bits; SQLite's own errors remain.
        if access(path, W_OK) != 0 {
            throw .readOnly(path, what: "the file is read-only")
        }
        if access(directory, W_OK) != 0 {
            throw .readOnly(path, what: "its directory '\(directory)' is not writable (SQLite keeps '-wal' and '-shm' files next to the database)")
        }
        var config = makeConfiguration(durability: .normal)
        config.readonly = true
        let state: SchemaState
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            state = try queue.read { db in try schemaState(db) }
            try queue.close()
        } catch {
            throw classify(error, path: path)
        }
        switch state {
        case .empty, .current, .older: return state
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
        return classify(resultCode: error.resultCode.primaryResultCode.rawValue, message: error.message, path: path)
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
        case ResultCode.SQLITE_BUSY.rawValue, ResultCode.SQLITE_LOCKED.rawValue:
            return .busy(path)
        case ResultCode.SQLITE_FULL.rawValue:
            return .diskFull(path)
        case ResultCode.SQLITE_IOERR.rawValue where isOnFullDisk(path):
            return .diskFull(path)
        default:
            return .cannotOpen(path, reason: message ?? "SQLite error \(resultCode)")
        }
    }

    /// Whether the file system holding `path` has no space left: SQLite reports a full disk
    /// as an I/O error when it cannot extend its shared-memory or journal files.
    static func isOnFullDisk(_ path: String) -> Bool {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var info = statvfs()
        guard statvfs(directory, &info) == 0 else { return false }
        return info.f_bavail == 0
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

/// An advisory lock (flock) on the database's directory, held while a process creates or
/// migrates the database: enabling WAL and migrating are then done by one process at a time.
/// Waits until `deadline` at most, then proceeds without it.
private struct OpeningLock {
    private let descriptor: CInt

    init(directory: String, deadline: Date) {
        descriptor = open(directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else { break }
            usleep(5_000)
        }
    }

    func release() {
        guard descriptor >= 0 else { return }
        _ = flock(descriptor, LOCK_UN)
        _ = Glibc.close(descriptor)
    }
}
