/// An error of the drill store, with a message a trainer can act on.
///
/// Every error met while opening a database file names the file and says what to do; none
/// of them leaves the file modified.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// How long a command waits for another process that holds the store before failing:
    /// one deadline for opening and each write.
    public static let busyTimeout: Double = 10

    public enum Code: String, Sendable, Hashable {
        /// The database's directory cannot be created, or the path is not a file.
        case cannotCreatePath
        /// The file is not an SQLite database (`SQLITE_NOTADB`).
        case notADatabase
        /// The file is a damaged SQLite database (`SQLITE_CORRUPT`).
        case corrupt
        /// The file or its directory cannot be written.
        case readOnly
        /// The database was written by a newer firedrill, with a schema this one does not know.
        case newerSchema
        /// The file is an SQLite database of some other application.
        case notFiredrillDatabase
        /// Any other failure to open the database.
        case cannotOpen
        /// A command that only reads names a database that does not exist.
        case noDatabase
        /// The file is empty: not a firedrill database (and not taken over as one).
        case emptyFile
        /// Another process held the database for longer than the busy timeout.
        case busy
        /// The disk holding the database is full.
        case diskFull
        /// Writing failed for another reason (an I/O error).
        case writeFailed
        /// No run has the given id (or id prefix).
        case runNotFound
        /// Several runs start with the given id prefix.
        case ambiguousRunID
        /// The run is finished: its record is closed.
        case runFinished
        /// A batch of events does not continue the run's log.
        case sequenceMismatch
        /// The stored log does not match its run's chain head or event count (see `verify`).
        case inconsistentRecord
        /// An argument is not acceptable (capability name, date, empty text…).
        case invalidInput
        /// No corrective action has the given id.
        case correctiveActionNotFound
        /// The library has no such scenario, or no such version of it.
        case scenarioNotFound
        /// A new scenario's id is taken already, or a save does not start from the latest version.
        case versionConflict
        /// The database server cannot be reached, refused to sign in, or lost the connection.
        case unavailable
        /// Another server took the drill over: this one's lease (its fencing token) is no longer
        /// the drill's, so it may not write the drill's record.
        case leaseLost
        /// The connection to the database was lost while a transaction was being committed:
        /// what it wrote may or may not be in the database (read the record to know).
        case outcomeUnknown
    }

    public var code: Code
    public var message: String
    /// The database file concerned, when there is one.
    public var path: String?

    public init(_ code: Code, _ message: String, path: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
    }

    public var description: String { message }
}

extension StoreError {
    package static let unchanged = "The file was not changed."

    package static func cannotCreatePath(_ path: String, reason: String) -> StoreError {
        StoreError(.cannotCreatePath, """
            cannot create the database at '\(path)': \(reason). \
            Choose another location with --db or FIREDRILL_DB, or create the directory yourself.
            """, path: path)
    }

    package static func notADatabase(_ path: String) -> StoreError {
        StoreError(.notADatabase, """
            '\(path)' is not a firedrill database (it is not an SQLite file). \(unchanged) \
            Check the path given with --db or FIREDRILL_DB, or move the file away to start a new database.
            """, path: path)
    }

    package static func corrupt(_ path: String, detail: String?) -> StoreError {
        let detail = detail.map { " (SQLite: \($0))" } ?? ""
        return StoreError(.corrupt, """
            the database '\(path)' is damaged\(detail). \(unchanged) \
            Restore it from a backup, or move it away to start a new database.
            """, path: path)
    }

    package static func readOnly(_ path: String, what: String) -> StoreError {
        StoreError(.readOnly, """
            cannot write the database '\(path)': \(what). \(unchanged) \
            Make it writable (e.g. chmod u+w), or choose another location with --db or FIREDRILL_DB.
            """, path: path)
    }

    package static func newerSchema(_ path: String, unknownMigrations: [String]) -> StoreError {
        StoreError(.newerSchema, """
            the database '\(path)' was written by a newer version of firedrill \
            (unknown schema changes: \(unknownMigrations.sorted().joined(separator: ", "))). \(unchanged) \
            Upgrade firedrill to use it, or choose another database with --db or FIREDRILL_DB.
            """, path: path)
    }

    package static func notFiredrillDatabase(_ path: String, tables: [String]) -> StoreError {
        let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
        return StoreError(.notFiredrillDatabase, """
            '\(path)' is an SQLite database of another application (tables: \(shown)). \(unchanged) \
            Choose another database with --db or FIREDRILL_DB.
            """, path: path)
    }

    package static func cannotOpen(_ path: String, reason: String) -> StoreError {
        StoreError(.cannotOpen, "cannot open the database '\(path)': \(reason)", path: path)
    }

    package static func noDatabase(_ path: String) -> StoreError {
        StoreError(.noDatabase, """
            there is no firedrill database at '\(path)' (nothing was created). \
            Check the path given with --db or FIREDRILL_DB; drills are recorded there when they run.
            """, path: path)
    }

    package static func emptyFile(_ path: String) -> StoreError {
        StoreError(.emptyFile, """
            '\(path)' is an empty file, not a firedrill database. \(unchanged) \
            Delete it to start a new database there, or choose another path with --db or FIREDRILL_DB.
            """, path: path)
    }

    package static func busy(_ path: String) -> StoreError {
        StoreError(.busy, """
            another process kept the database '\(path)' locked for more than \(Int(Self.busyTimeout)) seconds; \
            nothing was changed. Try again when it is done.
            """, path: path)
    }

    package static func diskFull(_ path: String) -> StoreError {
        StoreError(.diskFull, """
            the disk holding the database '\(path)' is full; nothing of this change was stored. \
            Free some space and try again.
            """, path: path)
    }

    package static func writeFailed(_ path: String, detail: String) -> StoreError {
        StoreError(.writeFailed, """
            the database '\(path)' could not be written (\(detail)); nothing of this change was stored.
            """, path: path)
    }

    package static func runNotFound(_ id: String) -> StoreError {
        StoreError(.runNotFound, "no recorded run has the id '\(id)'; 'firedrill history' lists the runs")
    }

    package static func runFinished(_ id: String) -> StoreError {
        StoreError(.runFinished, "run '\(id)' is finished; its record can no longer change")
    }

    package static func invalidInput(_ message: String) -> StoreError {
        StoreError(.invalidInput, message)
    }
}
