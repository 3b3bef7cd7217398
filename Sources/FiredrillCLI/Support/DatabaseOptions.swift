import ArgumentParser
import FiredrillStore
import Foundation

extension Durability: ExpressibleByArgument {}

/// `--db` and `--durability`, shared by every command that reads or writes drill records.
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The database file.",
        discussion: "Default: $FIREDRILL_DB, else $XDG_DATA_HOME/firedrill/firedrill.sqlite (~/.local/share/firedrill/firedrill.sqlite)."
    ))
    var db: String?

    @Option(help: "normal: every acknowledged event survives a crash of firedrill; full: also a power loss (an fsync per event).")
    var durability: Durability = .normal

    var path: String {
        db ?? AppDatabase.defaultPath(environment: ProcessInfo.processInfo.environment)
    }

    func open() throws -> AppDatabase {
        do {
            return try AppDatabase.open(path: path, durability: durability)
        } catch {
            throw CLIError(error.description)
        }
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
    }
}
