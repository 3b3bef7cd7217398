import FiredrillStore
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// The PostgreSQL store: the records of ``FiredrillStore/DrillStore`` in a PostgreSQL
/// database, with the same records, named migrations and hash chain as the SQLite file.
///
/// Like the SQLite store, its methods are synchronous and each is one transaction: a call
/// waits for its answer on one connection, held by one caller at a time. (The engine, the
/// commands and the server call the store from their own threads; postgres-nio's event
/// loops are separate threads, so waiting never blocks them.)
public final class PostgresStore: @unchecked Sendable {
    /// The server and database, without the password.
    public let location: String
    let address: PostgresAddress
    let logger: Logger
    private let lock = NSLock()
    private var connection: PostgresConnection?

    /// Connects to `address`, brings the schema up to date (``migrations``) and refuses a
    /// database written by a newer firedrill. Every failure is a ``StoreError`` naming the
    /// server and the database, never the password.
    public static func open(_ address: PostgresAddress, access: StoreAccess = .readWrite, logger: Logger = Logger(label: "firedrill.postgres")) throws(StoreError) -> PostgresStore {
        let store = PostgresStore(address: address, logger: logger)
        do {
            try store.withConnection { _ in }
            try store.migrate(access: access)
        } catch {
            try? store.close()
            throw error
        }
        return store
    }

    private init(address: PostgresAddress, logger: Logger) {
        self.address = address
        self.location = address.description
        self.logger = logger
    }

    /// A command that ends without closing its store still closes the connection (postgres-nio
    /// requires it, and the server sees a clean goodbye).
    deinit {
        if let connection, !connection.isClosed { try? connection.close().wait() }
    }

    /// Answers when the database can be reached (for `/healthz`).
    public func ping() throws(StoreError) {
        _ = try query("SELECT 1")
    }

    /// Closes the connection; the store must not be used afterwards.
    public func close() throws(StoreError) {
        lock.lock()
        defer { lock.unlock() }
        guard let connection else { return }
        self.connection = nil
        do { try connection.close().wait() } catch { throw describe(error) }
    }

    // MARK: Queries

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ statement: PostgresQuery) throws(StoreError) -> [PostgresRow] {
        try withConnection { connection in try Self.run(statement, on: connection, logger: logger) }
    }

    /// Runs `work` inside one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ work: (Transaction) throws -> T) throws(StoreError) -> T {
        try withConnection { connection in
            let transaction = Transaction(connection: connection, logger: logger)
            _ = try Self.run("BEGIN", on: connection, logger: logger)
            let value: T
            do {
                value = try work(transaction)
            } catch {
                // (A query on a connection that is closed may never be answered: no ROLLBACK there;
                // the server rolls back what it loses the connection of.)
                if !connection.isClosed { _ = try? Self.run("ROLLBACK", on: connection, logger: logger) }
                throw error
            }
            do {
                _ = try Self.run("COMMIT", on: connection, logger: logger)
            } catch let error as PSQLError where error.serverInfo == nil {
                // The connection broke with the COMMIT on its way or its answer on the way back:
                // the server may have committed. Only the record can tell.
                throw StoreError(.outcomeUnknown, "the connection to the PostgreSQL server at \(address.host):\(address.port) (database '\(address.database)') was lost while a change was being committed: it may or may not be recorded")
            }
            return value
        }
    }

    /// Runs `work` in one read-only transaction that sees one snapshot of the database, as
    /// SQLite's reads do: a read of several statements (a run, its participants and its
    /// events) never sees a write that commits between them.
    func snapshot<T>(_ work: (Transaction) throws -> T) throws(StoreError) -> T {
        try transaction { transaction in
            try transaction.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return try work(transaction)
        }
    }

    /// The statements of one transaction.
    struct Transaction {
        let connection: PostgresConnection
        let logger: Logger

        @discardableResult
        func query(_ statement: PostgresQuery) throws -> [PostgresRow] {
            try PostgresStore.run(statement, on: connection, logger: logger)
        }
    }

    private static func run(_ statement: PostgresQuery, on connection: PostgresConnection, logger: Logger) throws -> [PostgresRow] {
        try connection.query(statement, logger: logger).wait().rows
    }

    /// Holds the connection (made, or made again after it broke) for `work`.
    private func withConnection<T>(_ work: (PostgresConnection) throws -> T) throws(StoreError) -> T {
        lock.lock()
        defer { lock.unlock() }
        let current: PostgresConnection
        do {
            if let connection, !connection.isClosed {
                current = connection
            } else {
                current = try PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: try configuration(), id: 1, logger: logger
                ).wait()
                // As SQLite's busy timeout: a lock held elsewhere, or a statement that does not
                // finish, is an error after a while, not a wait for ever.
                let seconds = Int(StoreError.busyTimeout)
                _ = try Self.run(PostgresQuery(unsafeSQL: "SET lock_timeout = '\(seconds)s'"), on: current, logger: logger)
                _ = try Self.run(PostgresQuery(unsafeSQL: "SET statement_timeout = '\(seconds * 6)s'"), on: current, logger: logger)
                connection = current
            }
        } catch {
            connection = nil
            throw describe(error)
        }
        do {
            return try work(current)
        } catch let error as StoreError {
            throw error
        } catch let error as PSQLError {
            if current.isClosed { connection = nil }
            throw describe(error)
        } catch let error as DecodingError {
            throw StoreError(.inconsistentRecord, "a stored row in \(address.database) cannot be read: \(error)")
        } catch let error as PostgresDecodingError {
            throw StoreError(.inconsistentRecord, "a stored value in \(address.database) cannot be read: column \(error.columnName), \(error.postgresType)")
        } catch {
            throw StoreError(.writeFailed, "\(error)")
        }
    }

    func configuration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch address.tls {
        case .disable:
            tls = .disable
        case .prefer, .require:
            // As libpq's `prefer` and `require`: encrypted, the certificate not checked against a CA.
            var settings = TLSConfiguration.makeClientConfiguration()
            settings.certificateVerification = .none
            let context = try NIOSSLContext(configuration: settings)
            tls = address.tls == .require ? .require(context) : .prefer(context)
        }
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: address.database, tls: tls
        )
        configuration.options.connectTimeout = .seconds(Int64(StoreError.busyTimeout))
        return configuration
    }
}

extension PostgresStore: DrillStore {}
