import FiredrillPostgres
import FiredrillStore
import FiredrillTestSupport
import Foundation
import Synchronization
import Testing

/// Opening a PostgreSQL store: the schema made once and recognised after, a newer schema
/// refused, and every way of failing to connect said plainly, naming the server and the
/// database, never the password.
@Suite("PostgreSQL: connecting and the schema", .serialized)
struct ConnectionTests {
    func address(_ database: String, password: String? = PostgresCluster.password) throws -> PostgresAddress {
        try PostgresAddress(url: PostgresCluster.shared().url(database, password: password))
    }

    func failure(_ address: PostgresAddress, access: StoreAccess = .readWrite) -> StoreError? {
        do {
            let store = try PostgresStore.open(address, access: access)
            try store.close()
            return nil
        } catch {
            return error
        }
    }

    @Test("the first open makes the schema (migrations v6 and cluster-v1); the next finds it; several opening at once make it once")
    func schema() throws {
        let cluster = try PostgresCluster.shared()
        let name = try cluster.database("schema_once")
        let addresses = Array(repeating: try address(name), count: 4)
        let errors = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: addresses.count) { index in
            do {
                let store = try PostgresStore.open(addresses[index])
                try store.ping()
                try store.close()
            } catch {
                errors.withLock { $0.append("\(error)") }
            }
        }
        #expect(errors.withLock { $0 } == [])
        #expect(try cluster.sql("SELECT string_agg(name, ',' ORDER BY name) FROM firedrill_migration", database: name).trimmingCharacters(in: .whitespacesAndNewlines) == "cluster-v1,v6")
        let tables = try cluster.sql("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", database: name)
        #expect(tables.trimmingCharacters(in: .whitespacesAndNewlines) == "13") // 11 of records, the drills' leases, and firedrill_migration
        let store = try PostgresStore.open(try address(name), access: .readOnly)
        #expect(store.location == "postgres://firedrill@127.0.0.1:\(cluster.port)/\(name)?sslmode=disable")
        try store.close()
    }

    @Test("a database a newer firedrill migrated is refused and left as it is")
    func newer() throws {
        let cluster = try PostgresCluster.shared()
        let name = try cluster.database("schema_newer")
        try PostgresStore.open(try address(name)).close()
        try cluster.sql("INSERT INTO firedrill_migration VALUES ('v99', '2030-01-01T00:00:00.000Z')", database: name)
        let error = failure(try address(name))
        #expect(error?.code == .newerSchema)
        #expect(error?.message.contains("newer firedrill") == true && error?.message.contains("'v99'") == true, "\(String(describing: error))")
        #expect(try cluster.sql("SELECT count(*) FROM firedrill_migration", database: name).trimmingCharacters(in: .whitespacesAndNewlines) == "3")
    }

    @Test("a database not in UTF-8 is refused with how to make one; a role that may only read and write the records opens a migrated one")
    func encodingAndRights() throws {
        let cluster = try PostgresCluster.shared()
        try cluster.sql("DROP DATABASE IF EXISTS schema_latin1 WITH (FORCE)")
        try cluster.sql("CREATE DATABASE schema_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0")
        let latin1 = failure(try address("schema_latin1"))
        #expect(latin1?.message.contains("is encoded in LATIN1") == true && latin1?.message.contains("ENCODING 'UTF8'") == true, "\(String(describing: latin1))")

        let name = try cluster.database("schema_rights")
        try PostgresStore.open(try address(name)).close()
        try cluster.sql("DROP ROLE IF EXISTS drill_writer")
        try cluster.sql("CREATE ROLE drill_writer LOGIN PASSWORD 'writer-pw'")
        try cluster.sql("GRANT CONNECT ON DATABASE \(name) TO drill_writer")
        try cluster.sql("REVOKE CREATE ON SCHEMA public FROM PUBLIC; GRANT USAGE ON SCHEMA public TO drill_writer; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO drill_writer", database: name)
        let writer = try PostgresStore.open(try PostgresAddress(url: "postgres://drill_writer:writer-pw@127.0.0.1:\(cluster.port)/\(name)?sslmode=disable"))
        #expect(try writer.history(filter: HistoryFilter()).isEmpty)
        try writer.close()
    }

    @Test("an id PostgreSQL's text cannot hold (U+0000) is no run, as on SQLite")
    func nul() throws {
        let store = try PostgresStore.open(try address(try PostgresCluster.shared().database("schema_nul")))
        defer { try? store.close() }
        #expect(throws: StoreError.runNotFound("r-\u{0}x")) { try store.run(id: "r-\u{0}x") }
        #expect(throws: StoreError.runNotFound("r-\u{0}x")) { try store.verify(runID: "r-\u{0}x") }
    }

    @Test("a command that only reads changes nothing: an empty database is 'no records yet'")
    func readOnly() throws {
        let cluster = try PostgresCluster.shared()
        let name = try cluster.database("schema_read_only")
        let error = failure(try address(name), access: .readOnly)
        #expect(error?.code == .noDatabase)
        #expect(error?.message.contains("holds no firedrill records yet") == true)
        #expect(try cluster.sql("SELECT to_regclass('firedrill_migration') IS NULL", database: name).trimmingCharacters(in: .whitespacesAndNewlines) == "t")
    }

    @Test("a wrong password, database, port or host: a message naming the server and the database, never the password")
    func failures() throws {
        let cluster = try PostgresCluster.shared()
        let name = try cluster.database("schema_failures")
        let wrongPassword = failure(try address(name, password: "not-the-password"))
        #expect(wrongPassword?.code == .unavailable)
        #expect(wrongPassword?.message.contains("refused user 'firedrill' for database '\(name)'") == true, "\(String(describing: wrongPassword))")
        #expect(wrongPassword?.message.contains("not-the-password") == false)
        let noPassword = failure(try address(name, password: nil))
        #expect(noPassword?.message.contains("asks a password for user 'firedrill'") == true, "\(String(describing: noPassword))")
        let noDatabase = failure(try address("no_such_database"))
        #expect(noDatabase?.message.contains("has no database 'no_such_database'") == true, "\(String(describing: noDatabase))")
        #expect(noDatabase?.message.contains("createdb") == true)
        let closedPort = try PostgresAddress(url: "postgres://firedrill:\(PostgresCluster.password)@127.0.0.1:1/\(name)?sslmode=disable")
        let refused = failure(closedPort)
        #expect(refused?.message.contains("the PostgreSQL server at 127.0.0.1:1 (database '\(name)') cannot be reached") == true, "\(String(describing: refused))")
        #expect(refused?.message.contains(PostgresCluster.password) == false)
        let plain = try PostgresCluster.dedicated(tls: false)
        let tlsRequired = failure(try PostgresAddress(url: "postgres://firedrill:\(PostgresCluster.password)@127.0.0.1:\(plain.port)/postgres?sslmode=require"))
        #expect(tlsRequired?.message.contains("does not offer TLS, and the URL says sslmode=require") == true, "\(String(describing: tlsRequired))")
        #expect(failure(try PostgresAddress(url: "postgres://firedrill:\(PostgresCluster.password)@127.0.0.1:\(plain.port)/postgres?sslmode=prefer")) == nil)
    }

    @Test("sslmode=require and prefer encrypt the connection to a server with TLS; disable does not")
    func tls() throws {
        let cluster = try PostgresCluster.shared()
        #expect(cluster.tls)
        let name = try cluster.database("schema_tls")
        for (mode, encrypted) in [("require", "true"), ("prefer", "true"), ("disable", "false")] {
            let store = try PostgresStore.open(try PostgresAddress(url: "postgres://firedrill:\(PostgresCluster.password)@127.0.0.1:\(cluster.port)/\(name)?sslmode=\(mode)"))
            try store.ping()
            // The server's own view of the connections: one per store, each encrypted or not.
            let sessions = try cluster.sql("SELECT string_agg(DISTINCT s.ssl::text, ',') FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.datname = '\(name)'")
            #expect(sessions.trimmingCharacters(in: .whitespacesAndNewlines) == encrypted, "sslmode=\(mode)")
            try store.close()
        }
    }
}
