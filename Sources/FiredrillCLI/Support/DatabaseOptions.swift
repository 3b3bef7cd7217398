import ArgumentParser
import FiredrillCore
import FiredrillPostgres
import FiredrillSQLite
import FiredrillStore
import Foundation

extension Durability: ExpressibleByArgument {}

/// `--db` and `--durability`, shared by every command that reads or writes drill records.
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The database: an SQLite file, or a PostgreSQL server as postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require].",
        discussion: "Default: $FIREDRILL_DB, else $XDG_DATA_HOME/firedrill/firedrill.sqlite (~/.local/share/firedrill/firedrill.sqlite). A PostgreSQL password may also come from $PGPASSWORD or ~/.pgpass."
    ))
    var db: String?

    @Option(help: "normal: every acknowledged event survives a crash of firedrill; full: also a power loss (an fsync per event).")
    var durability: Durability = .normal

    var path: String {
        db ?? AppDatabase.defaultPath(environment: ProcessInfo.processInfo.environment)
    }

    /// Opens the database for a command that records (`.readWrite`, creating it when
    /// missing) or one that only reads (`.readOnly`: nothing is created or changed).
    ///
    /// A command that only reads the default database before anything was recorded sees an
    /// empty one; a database named with `--db` or `FIREDRILL_DB` must exist (a typo in the
    /// path is an error, not a new empty database).
    func open(_ access: StoreAccess = .readWrite) throws -> any DrillStore {
        let address: StoreAddress
        do {
            address = try StoreAddress.parse(path, environment: ProcessInfo.processInfo.environment) {
                try? String(contentsOfFile: $0, encoding: .utf8)
            }
        } catch {
            throw CLIError(error.description)
        }
        switch address {
        case .postgres(let server):
            do { return try PostgresStore.open(server, access: access) } catch { throw CLIError(error.description) }
        case .sqlite(let path):
            do {
                return try AppDatabase.open(path: path, durability: durability, access: access)
            } catch let error where error.code == .noDatabase && isDefaultPath {
                do { return try AppDatabase.inMemory(standingFor: path) } catch { throw CLIError("\(error)") }
            } catch {
                throw CLIError(error.description)
            }
        }
    }

    /// Whether the database is the default one (neither `--db` nor `FIREDRILL_DB`).
    var isDefaultPath: Bool {
        db == nil && (ProcessInfo.processInfo.environment["FIREDRILL_DB"] ?? "").isEmpty
    }
}

/// A failure to show as `Error: message`, with exit code 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a store call, turning its errors into plain messages.
func store<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        throw CLIError(error.description)
    } catch let error as InputError {
        throw CLIError(error.message)
    }
}
