import Foundation

/// Where the records are, as `--db` or `$FIREDRILL_DB` names them: an SQLite file's path, or a
/// PostgreSQL server's URL `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=…]`
/// (`postgresql://` too). The password may also come from `$PGPASSWORD` or a `~/.pgpass`
/// file. Reading the address touches neither the file nor the network.
public enum StoreAddress: Sendable, Hashable {
    case sqlite(path: String)
    case postgres(PostgresAddress)

    /// Reads `text`: a URL of the `postgres` or `postgresql` scheme is a PostgreSQL server;
    /// anything else is a file path. `environment` gives `$PGPASSWORD`, `$PGPASSFILE` and
    /// `$HOME`; `readFile` reads the password file (none when it returns `nil`).
    public static func parse(
        _ text: String, environment: [String: String] = [:], readFile: (String) -> String? = { _ in nil }
    ) throws(StoreError) -> StoreAddress {
        let lower = text.lowercased()
        guard lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") else { return .sqlite(path: text) }
        return .postgres(try PostgresAddress(url: text, environment: environment, readFile: readFile))
    }
}

/// A PostgreSQL server and database, and how to sign in to it.
public struct PostgresAddress: Sendable, Hashable, CustomStringConvertible {
    /// `sslmode` as libpq names it; firedrill takes the three that matter here.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it (libpq's default).
        case prefer
        /// TLS or no connection; the server's certificate is not checked against a CA
        /// (libpq's `require`).
        case require
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode

    public init(user: String, password: String?, host: String, port: Int = 5432, database: String, tls: TLSMode = .prefer) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.tls = tls
    }

    /// The address without its password, for messages, logs and `location`.
    public var description: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        let query = tls == .prefer ? "" : "?sslmode=\(tls.rawValue)"
        return "postgres://\(Self.escape(user))@\(host):\(port)/\(Self.escape(database))\(query)"
    }

    /// Reads a `postgres://` URL. A password missing from the URL comes from `$PGPASSWORD`,
    /// else from the password file (`$PGPASSFILE`, else `~/.pgpass`) as libpq reads it.
    public init(url text: String, environment: [String: String] = [:], readFile: (String) -> String? = { _ in nil }) throws(StoreError) {
        func refuse(_ why: String) -> StoreError {
            StoreError(.cannotOpen, "the database address is not a PostgreSQL URL firedrill can use: \(why); write it as postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]")
        }
        guard let components = URLComponents(string: text) else { throw refuse("it is not a URL") }
        guard let host = components.host, !host.isEmpty else { throw refuse("it names no host") }
        guard let user = components.percentEncodedUser, !user.isEmpty else { throw refuse("it names no user (postgres://USER@\(host)/…)") }
        let path = components.percentEncodedPath
        let database = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard !database.isEmpty, !database.contains("/") else { throw refuse("it names no database (…@\(host)/DATABASE)") }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw refuse("sslmode '\(item.value ?? "")' is not one of disable, prefer, require")
                }
                tls = mode
            case "application_name", "connect_timeout":
                continue
            default:
                throw refuse("the setting '\(item.name)' is not one firedrill reads (only sslmode)")
            }
        }
        self.user = Self.unescape(user)
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? 5432
        self.database = Self.unescape(database)
        self.tls = tls
        if let password = components.percentEncodedPassword {
            self.password = Self.unescape(password)
        } else if let password = environment["PGPASSWORD"] {
            self.password = password
        } else {
            let file = environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" }
            self.password = file.flatMap(readFile).flatMap {
                Self.passwordFromFile($0, host: self.host, port: self.port, database: self.database, user: self.user)
            }
        }
    }

    /// The password of the first line of a `.pgpass` file that matches: fields
    /// `hostname:port:database:username:password`, each a value or `*`, with `\:` and `\\`
    /// escaped; lines starting with `#` are comments.
    public static func passwordFromFile(_ contents: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in contents.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            if line.hasPrefix("#") { continue }
            var fields: [String] = []
            var field = ""
            var escaped = false
            for character in line {
                if escaped {
                    field.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ":" && fields.count < 4 {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(character)
                }
            }
            fields.append(field)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            let matches = zip(fields.prefix(4), wanted).allSatisfy { $0 == "*" || $0 == $1 || ($0 == "localhost" && $1 == "127.0.0.1") }
            if matches { return fields[4] }
        }
        return nil
    }

    private static func unescape(_ text: String) -> String {
        text.removingPercentEncoding ?? text
    }

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@/"))) ?? text
    }
}
