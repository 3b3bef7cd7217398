import FiredrillTestSupport
import Foundation
import Testing

/// The commands on a PostgreSQL store (`--db postgres://…`, `$FIREDRILL_DB`): the same record
/// and the same report as on an SQLite file; a wrong address said plainly, without the password.
@Suite("firedrill on PostgreSQL", .serialized)
struct PostgresCommandTests {
    @Test("replay --record, history, show and verify on PostgreSQL give what they give on SQLite")
    func sameAsSQLite() throws {
        let cluster = try PostgresCluster.shared()
        let url = cluster.url(try cluster.database("cli_same_as_sqlite"), password: nil)
        let environment = ["PGPASSWORD": PostgresCluster.password]
        let sqlite = try CLI.temporaryDirectory().appendingPathComponent("drills.sqlite").path
        var runs: [String: String] = [:]
        for db in [url, sqlite] {
            let replay = try CLI.run(["replay", CLI.fixture("certificate.yaml"), CLI.fixture("certificate.script"), "--record", "--db", db], environment: environment)
            #expect(replay.status == 0, "\(replay.stderr)")
            runs[db] = replay.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let postgresRun = try #require(runs[url])
        #expect(postgresRun.hasPrefix("r-"))
        let verify = try CLI.run(["verify", postgresRun, "--db", url], environment: environment)
        #expect(verify.status == 0 && verify.stdout.contains("\(postgresRun): ok"), "\(verify.stdout)\(verify.stderr)")

        func report(_ db: String) throws -> [String: Any] {
            let shown = try CLI.run(["show", runs[db] ?? "", "--format", "json", "--db", db], environment: environment)
            #expect(shown.status == 0, "\(shown.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        }
        let fromPostgres = try report(url), fromSQLite = try report(sqlite)
        #expect(fromPostgres["score"] as? Double == fromSQLite["score"] as? Double)
        #expect((fromPostgres["objectives"] as? [[String: Any]])?.map { $0["status"] as? String } == (fromSQLite["objectives"] as? [[String: Any]])?.map { $0["status"] as? String })

        let history = try CLI.run(["history", "--format", "json", "--db", url], environment: environment)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["run_id"] as? String } == [postgresRun])
        // $FIREDRILL_DB names it too.
        let viaEnvironment = try CLI.run(["verify", postgresRun], environment: environment.merging(["FIREDRILL_DB": url]) { $1 })
        #expect(viaEnvironment.status == 0, "\(viaEnvironment.stderr)")
    }

    @Test("a wrong password or database: exit 1, the server and the database named, the password never")
    func wrongAddress() throws {
        let cluster = try PostgresCluster.shared()
        let name = try cluster.database("cli_wrong_address")
        let wrongPassword = try CLI.run(["history", "--db", cluster.url(name, password: "hunter2-wrong")])
        #expect(wrongPassword.status == 1)
        #expect(wrongPassword.stderr.contains("the PostgreSQL server at 127.0.0.1:\(cluster.port) refused user 'firedrill' for database '\(name)'"), "\(wrongPassword.stderr)")
        #expect(!wrongPassword.stderr.contains("hunter2"))
        let noDatabase = try CLI.run(["history", "--db", cluster.url("nowhere")])
        #expect(noDatabase.status == 1 && noDatabase.stderr.contains("has no database 'nowhere'"), "\(noDatabase.stderr)")
        let badURL = try CLI.run(["history", "--db", "postgres://127.0.0.1/x"])
        #expect(badURL.status == 1 && badURL.stderr.contains("names no user"), "\(badURL.stderr)")
    }
}
