import FiredrillStore
import NIOCore
import NIOPosix
import PostgresNIO

extension PostgresStore {
    /// What went wrong, for the person who runs firedrill: the server and the database are
    /// named, the password never. postgres-nio hides its errors' details from `description`
    /// on purpose; they are read here field by field.
    func describe(_ error: any Error) -> StoreError {
        let server = "the PostgreSQL server at \(address.host):\(address.port)"
        let database = "database '\(address.database)'"
        if let error = error as? StoreError { return error }
        guard let error = error as? PSQLError else {
            return StoreError(.unavailable, "\(server) (\(database)) cannot be reached: \(Self.reason(error)); check the host and port in the URL, and that PostgreSQL runs and accepts TCP connections there")
        }
        let state = error.serverInfo?[.sqlState] ?? ""
        let said = error.serverInfo?[.message].map { " (\($0.prefix(200)))" } ?? ""
        switch (error.code, state) {
        case (.server, "28P01"), (.server, "28000"):
            return StoreError(.unavailable, "\(server) refused user '\(address.user)' for \(database)\(said): check the user and password (in the URL, $PGPASSWORD or ~/.pgpass) and the server's pg_hba.conf")
        case (.server, "3D000"):
            return StoreError(.unavailable, "\(server) has no \(database): create it (createdb -h \(address.host) -p \(address.port) -U \(address.user) \(address.database)) or name an existing one in the URL")
        case (.server, "42501"):
            return StoreError(.readOnly, "user '\(address.user)' may not write the firedrill tables of \(database) on \(server)\(said): grant it the rights, or use the database's owner")
        case (.server, "53300"), (.server, "57P03"):
            return StoreError(.unavailable, "\(server) takes no more connections now\(said); try again, or raise max_connections")
        case (.server, let state) where state.hasPrefix("57P") || state.hasPrefix("08"):
            return StoreError(.unavailable, "\(server) (\(database)) is shutting down or restarting\(said); nothing was recorded, try again")
        case (.server, "55P03"), (.server, "57014"):
            return StoreError(.busy, "\(server) (\(database)) did not answer within \(Int(StoreError.busyTimeout)) s (a lock held elsewhere, or a slow statement)\(said); nothing was recorded, try again")
        case (.server, "53100"):
            return StoreError(.diskFull, "\(server) has no disk space left for \(database)\(said); nothing was recorded")
        case (.server, _):
            return StoreError(.writeFailed, "\(server) (\(database)) refused a statement\(said) [\(state)]")
        case (.authMechanismRequiresPassword, _):
            return StoreError(.unavailable, "\(server) asks a password for user '\(address.user)' and none was given: put it in the URL (postgres://USER:PASSWORD@…), $PGPASSWORD or ~/.pgpass")
        case (.unsupportedAuthMechanism, _), (.saslError, _):
            return StoreError(.unavailable, "\(server) asks user '\(address.user)' to sign in in a way firedrill cannot (use scram-sha-256, md5 or trust in pg_hba.conf)")
        case (.sslUnsupported, _):
            return StoreError(.unavailable, "\(server) does not offer TLS, and the URL says sslmode=require: turn on ssl in postgresql.conf, or use sslmode=prefer")
        case (.failedToAddSSLHandler, _), (.receivedUnencryptedDataAfterSSLRequest, _):
            return StoreError(.unavailable, "\(server): the TLS connection failed; check the server's certificate and ssl settings")
        case (.connectionError, _):
            return StoreError(.unavailable, "\(server) (\(database)) cannot be reached: \(Self.reason(error.underlying)); check the host and port in the URL, and that PostgreSQL runs and accepts TCP connections there")
        case (.serverClosedConnection, _), (.clientClosedConnection, _), (.uncleanShutdown, _):
            return StoreError(.unavailable, "the connection to \(server) (\(database)) was lost; nothing was recorded, try again")
        default:
            return StoreError(.unavailable, "\(server) (\(database)) did not answer as expected (\(error.code)); try again")
        }
    }

    private static func reason(_ error: (any Error)?) -> String {
        guard let error else { return "no answer" }
        if let error = error as? NIOConnectionError {
            return error.connectionErrors.first.map { reason($0.error) } ?? "connection failed"
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return "the connection was refused"
            case ETIMEDOUT: return "no answer within the time allowed"
            case EHOSTUNREACH, ENETUNREACH: return "the host cannot be reached"
            default: return "\(error)"
            }
        }
        if error is ChannelError { return "the connection failed (\(error))" }
        let text = "\(error)"
        if text.contains("resolve") || text.contains("NXDOMAIN") || text.contains("lookup") { return "the host name is not known" }
        return text.prefix(200).description
    }
}
