import FiredrillStore
import Testing

/// `--db` and `$FIREDRILL_DB`: a file path or a PostgreSQL URL, read without touching
/// either; the password never shows in what is printed.
@Suite("Where the records are")
struct StoreAddressTests {
    @Test("a path is an SQLite file; a postgres:// or postgresql:// URL a PostgreSQL server")
    func kinds() throws {
        #expect(try StoreAddress.parse("/var/lib/firedrill/drills.sqlite") == .sqlite(path: "/var/lib/firedrill/drills.sqlite"))
        #expect(try StoreAddress.parse("訓練.sqlite") == .sqlite(path: "訓練.sqlite"))
        let full = try StoreAddress.parse("postgres://drill:s%40cret@db.example.org:6432/firedrill?sslmode=require")
        #expect(full == .postgres(PostgresAddress(user: "drill", password: "s@cret", host: "db.example.org", port: 6432, database: "firedrill", tls: .require)))
        let short = try StoreAddress.parse("POSTGRESQL://drill@localhost/records")
        #expect(short == .postgres(PostgresAddress(user: "drill", password: nil, host: "localhost", port: 5432, database: "records", tls: .prefer)))
        #expect(try StoreAddress.parse("postgres://u@[::1]:5433/d") == .postgres(PostgresAddress(user: "u", password: nil, host: "::1", port: 5433, database: "d")))
    }

    @Test("what is printed has no password")
    func description() throws {
        let address = try PostgresAddress(url: "postgres://drill:topsecret@db.example.org/firedrill?sslmode=disable")
        #expect(address.description == "postgres://drill@db.example.org:5432/firedrill?sslmode=disable")
        #expect(!address.description.contains("topsecret"))
        #expect(try PostgresAddress(url: "postgres://u:p@[::1]/d").description == "postgres://u@[::1]:5432/d")
    }

    @Test("a URL firedrill cannot use is refused with what to write instead", arguments: [
        ("postgres:///firedrill", "names no host"),
        ("postgres://db.example.org/firedrill", "names no user"),
        ("postgres://u@db.example.org", "names no database"),
        ("postgres://u@db.example.org/a/b", "names no database"),
        ("postgres://u@h/d?sslmode=verify-full", "sslmode 'verify-full' is not one of disable, prefer, require"),
        ("postgres://u@h/d?sslrootcert=x", "the setting 'sslrootcert'"),
    ])
    func refused(url: String, message: String) {
        do {
            _ = try StoreAddress.parse(url)
            Issue.record("\(url) was accepted")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.message.contains("postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE"))
        }
    }

    @Test("the password: the URL's, else $PGPASSWORD, else the password file's first matching line")
    func passwords() throws {
        let url = "postgres://drill@db.example.org/firedrill"
        #expect(try PostgresAddress(url: "postgres://drill:inurl@db.example.org/firedrill", environment: ["PGPASSWORD": "env"]).password == "inurl")
        #expect(try PostgresAddress(url: url, environment: ["PGPASSWORD": "env"]).password == "env")
        let file = """
            # host:port:database:user:password
            other.example.org:5432:*:drill:wrong
            db.example.org:5432:firedrill:drill:pa\\:ss\\\\word
            *:*:*:*:fallback
            """
        var asked: [String] = []
        let fromFile = try PostgresAddress(url: url, environment: ["HOME": "/home/trainer"]) { path in
            asked.append(path)
            return file
        }
        #expect(asked == ["/home/trainer/.pgpass"])
        #expect(fromFile.password == "pa:ss\\word")
        let named = try PostgresAddress(url: "postgres://x@elsewhere/y", environment: ["PGPASSFILE": "/etc/firedrill/pgpass", "HOME": "/h"]) { path in
            path == "/etc/firedrill/pgpass" ? file : nil
        }
        #expect(named.password == "fallback")
        #expect(try PostgresAddress(url: url, environment: [:]).password == nil)
        #expect(PostgresAddress.passwordFromFile("h:5432:d:u:p\r\n", host: "h", port: 5432, database: "d", user: "u") == "p")
        #expect(PostgresAddress.passwordFromFile("h:5433:d:u:p", host: "h", port: 5432, database: "d", user: "u") == nil)
    }
}
