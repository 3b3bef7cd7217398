import FiredrillCore
import FiredrillTestSupport
import FiredrillYAML
import Foundation
import Testing
@testable import FiredrillStore
@testable import FiredrillSQLite

/// `firedrill store copy`, through the executable: a database of every kind of record goes
/// from SQLite to PostgreSQL and into a new SQLite file and reads the same everywhere (every
/// run verifies, `history` and `show` say the same); the same copy again skips everything; a
/// run the target holds with another chain head is named and left alone; a copy stopped by
/// SIGTERM or killed in the middle of a run continues when run again.
@Suite("firedrill store copy", .serialized)
struct StoreCopyCommandTests {
    static let environment = ["PGPASSWORD": PostgresCluster.password]

    /// A realistic database: scripted replays (one with evaluators' observations and survey
    /// answers), a live terminal drill with a quiz, a server drill not started yet with its
    /// tokens, the improvement plan, near misses and a pick, server tokens and library
    /// versions. Returns the database and the secrets of its tokens by token id.
    static func realisticDatabase() throws -> (db: String, secrets: [String: String]) {
        let directory = try CLI.temporaryDirectory()
        let db = directory.appendingPathComponent("drills.sqlite").path
        let japanese = CLI.packageRoot.appendingPathComponent("scenarios/newsletter-brochure-leak-ja.yaml").path
        var runs: [String] = []
        for (scenario, script) in [(CLI.fixture("certificate.yaml"), CLI.fixture("certificate.script")),
                                   (CLI.fixture("certificate.yaml"), CLI.fixture("late-team.script")),
                                   (japanese, CLI.fixture("newsletter-ja-review.script"))] {
            let replay = try CLI.run(["replay", scenario, script, "--record", "--db", db])
            #expect(replay.status == 0, "\(replay.stderr)")
            runs.append(replay.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let live = try CLI.run(["run", CLI.fixture("quiz-ja.yaml"), "--speed", "100", "--db", db, "--out", directory.appendingPathComponent("out").path],
                               input: "ack 受領しました\n/end\n1\nx\n1、3\n")
        #expect(live.status == 0, "\(live.stderr)")
        for arguments in [
            ["actions", "add", "--run", runs[1], "--issue", "Nobody escalated", "--action", "Add the CTO to the pager rota", "--capability", "Planning", "--org", "SRE", "--due", "2026-12-31"],
            ["actions", "add", "--run", runs[2], "--issue", "承認前の版が配信された", "--action", "配信前の二人目の確認を手順書に追加する", "--capability", "Planning", "--org", "プロモーション部"],
            ["actions", "close", "2", "--evidence", "手順書 v2.3 に追記"],
            ["near-miss", "add", "--title", "誤った添付ファイル", "--what", "送信前に気づいた", "--tag", "メール", "--impact", "4"],
            ["near-miss", "add", "--title", "Certificate almost expired", "--what", "Found by chance", "--tag", "tls", "--impact", "2", "--name", "Priya Raman", "--occurred", "2026-01-05"],
        ] {
            let done = try CLI.run(arguments + ["--db", db])
            #expect(done.status == 0, "\(arguments): \(done.stderr)")
        }

        // What only the server makes: a drill with its tokens, server tokens, the library, a pick.
        let database = try AppDatabase.open(path: db)
        defer { try? database.close() }
        let loaded = ScenarioLoader().load(path: CLI.fixture("certificate.yaml"))
        let scenario = try #require(loaded.scenario)
        let source = try #require(loaded.source)
        let server = try database.startRun(scenario: scenario, source: source, path: CLI.fixture("certificate.yaml"), interface: .server, speed: 2,
                                           participants: [], options: nil, status: .ready, wallClock: { Date() }).runID
        var secrets: [String: String] = [:]
        let player = try database.makeToken(runID: server, kind: .player, roles: [scenario.playerRoles[0].id], displayName: nil, createdAt: Date())
        _ = try database.setDisplayName(tokenID: player.token.id, name: "亜矢", at: Date())
        let evaluator = try database.makeToken(runID: server, kind: .evaluator, roles: [], displayName: nil, createdAt: Date())
        _ = try database.revokeToken(id: evaluator.token.id, runID: server, at: Date())
        let committee = try database.makeServerToken(kind: .committee, name: "ISMS committee", createdAt: Date())
        for made in [(player.token.id, player.secret), (evaluator.token.id, evaluator.secret), (committee.token.id, committee.secret)] {
            secrets[made.0] = made.1
        }
        _ = try database.saveScenarioVersion(scenarioID: scenario.id, title: scenario.title, language: scenario.language, source: source,
                                             sha256: EventChain.sha256Hex(source), baseVersion: nil, at: Date())
        try database.pickMostValuableNearMiss(month: "2026-01", id: 2, at: Date())
        return (db, secrets)
    }

    /// What `history` and `show` (JSON) print for every run, and `verify`'s verdict.
    static func readings(_ db: String) throws -> (history: String, shown: [String], runs: [String]) {
        let history = try CLI.run(["history", "--format", "json", "--db", db], environment: environment)
        #expect(history.status == 0, "\(history.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        let runs = rows.compactMap { $0["run_id"] as? String }
        let shown = try runs.map { run in
            let show = try CLI.run(["show", run, "--format", "json", "--db", db], environment: environment)
            #expect(show.status == 0, "\(show.stderr)")
            return show.stdout
        }
        let verify = try CLI.run(["verify", "--db", db], environment: environment)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.components(separatedBy: ": ok, ").count - 1 == runs.count, "\(verify.stdout)")
        return (history.stdout, shown, runs)
    }

    /// The row of `kind` in the summary table: its three counts.
    static func counts(_ output: String, _ kind: String) -> [Int] {
        guard let line = output.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(kind + "  ") }) else { return [] }
        return line.dropFirst(kind.count + 2).split(separator: " ").compactMap { Int($0.replacingOccurrences(of: ",", with: "")) }
    }

    @Test("SQLite → PostgreSQL → a new SQLite file: every run verifies, history and show read the same, tokens still sign in; again: everything skipped")
    func roundTrip() throws {
        let (db, secrets) = try Self.realisticDatabase()
        let cluster = try PostgresCluster.shared()
        let name = try cluster.database("cli_store_copy")
        let url = cluster.url(name)

        let there = try CLI.run(["store", "copy", "--from", db, "--to", url])
        #expect(there.status == 0, "\(there.stdout)\(there.stderr)")
        #expect(there.stderr.hasPrefix("copying every record from \(db) to postgres://firedrill@127.0.0.1:\(cluster.port)/\(name)?sslmode=disable\n"), "\(there.stderr)")
        #expect(!(there.stdout + there.stderr).contains(PostgresCluster.password))
        #expect(Self.counts(there.stdout, "runs") == [5, 0, 0], "\(there.stdout)")
        #expect(Self.counts(there.stdout, "drill tokens") == [2, 0, 0], "\(there.stdout)")
        #expect(Self.counts(there.stdout, "server tokens") == [1, 0, 0], "\(there.stdout)")
        #expect(Self.counts(there.stdout, "library versions") == [1, 0, 0], "\(there.stdout)")
        #expect(Self.counts(there.stdout, "corrective actions") == [2, 0, 0], "\(there.stdout)")
        #expect(Self.counts(there.stdout, "near misses") == [2, 0, 0], "\(there.stdout)")
        #expect(Self.counts(there.stdout, "near-miss picks") == [1, 0, 0], "\(there.stdout)")
        #expect(try cluster.sql("SELECT count(*) FROM quiz_result", database: name) != "0\n", "the live drill's quiz results")

        let copy = try CLI.temporaryDirectory().appendingPathComponent("nested/copy.sqlite").path
        let back = try CLI.run(["store", "copy", "--from", cluster.url(name, password: nil), "--to", copy], environment: Self.environment)
        #expect(back.status == 0, "\(back.stdout)\(back.stderr)")
        #expect(Self.counts(back.stdout, "runs") == [5, 0, 0], "\(back.stdout)")

        let original = try Self.readings(db)
        #expect(original.runs.count == 5)
        for target in [url, copy] {
            let copied = try Self.readings(target)
            #expect(copied.history == original.history, "\(target)")
            #expect(copied.shown == original.shown, "\(target)")
        }
        // The tokens' secrets match their copies' hashes, so they still sign in.
        let database = try AppDatabase.open(path: copy, access: .readOnly)
        defer { try? database.close() }
        let tokens = try database.tokens().map { ($0.id, $0.hash) } + database.serverTokens().map { ($0.id, $0.hash) }
        #expect(tokens.count == 3)
        for (id, hash) in tokens { #expect(secrets[id].map(AccessToken.hash(of:)) == hash, "\(id)") }
        #expect(try database.tokens().contains { $0.displayName == "亜矢" } && database.tokens().contains(where: \.isRevoked))

        // The same copy again: everything is there already.
        let again = try CLI.run(["store", "copy", "--from", db, "--to", url])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(Self.counts(again.stdout, "runs") == [0, 5, 0], "\(again.stdout)")
        for kind in ["drill tokens", "server tokens", "library versions", "corrective actions", "near misses", "near-miss picks"] {
            #expect(Self.counts(again.stdout, kind).first == 0 && Self.counts(again.stdout, kind).last == 0, "\(kind): \(again.stdout)")
        }
        #expect(try Self.readings(url).history == original.history)
    }

    @Test("a run the target holds with another chain head: named, exit 1, the target's record left as it was")
    func differentHead() throws {
        let directory = try CLI.temporaryDirectory()
        let db = directory.appendingPathComponent("drills.sqlite").path
        let target = directory.appendingPathComponent("target.sqlite").path
        let loaded = ScenarioLoader().load(path: CLI.fixture("certificate.yaml"))
        let scenario = try #require(loaded.scenario)
        let database = try AppDatabase.open(path: db)
        let recorder = try database.startRun(scenario: scenario, source: try #require(loaded.source), path: "certificate.yaml",
                                             interface: .terminal, speed: 1, participants: [])
        try recorder.append([DrillEvent(sequence: 0, time: .zero, kind: .started)])
        try database.close()
        #expect(try CLI.run(["replay", CLI.fixture("certificate.yaml"), CLI.fixture("certificate.script"), "--record", "--db", db]).status == 0)
        #expect(try CLI.run(["store", "copy", "--from", db, "--to", target]).status == 0)
        let before = try CLI.run(["verify", recorder.runID, "--db", target])
        #expect(before.status == 0 && before.stdout.contains("ok, 1 events"), "\(before.stdout)")

        // The drill goes on in the source.
        let reopened = try AppDatabase.open(path: db)
        try reopened.recorder(appendingTo: recorder.runID).append([DrillEvent(sequence: 1, time: .seconds(5), kind: .paused)])
        try reopened.close()

        let copy = try CLI.run(["store", "copy", "--from", db, "--to", target])
        #expect(copy.status == 1, "\(copy.stdout)\(copy.stderr)")
        #expect(copy.stderr.contains("not copied: run \(recorder.runID): \(target) holds another record of this run"), "\(copy.stderr)")
        #expect(copy.stderr.contains("1 event there; ") && copy.stderr.contains("2 events in \(db)"), "\(copy.stderr)")
        #expect(copy.stderr.contains("1 record was not copied (named above)"), "\(copy.stderr)")
        #expect(Self.counts(copy.stdout, "runs") == [0, 1, 1], "\(copy.stdout)")
        #expect(try CLI.run(["verify", recorder.runID, "--db", target]).stdout == before.stdout, "nothing was overwritten")
    }

    /// `count` finished runs of the certificate drill, one an hour.
    static func manyRuns(_ count: Int, in db: String) throws -> [String] {
        let loaded = ScenarioLoader().load(path: CLI.fixture("certificate.yaml"))
        let scenario = try #require(loaded.scenario)
        let script = try ReplayScript.parse(String(contentsOfFile: CLI.fixture("certificate.script"), encoding: .utf8), for: scenario).get()
        let events = try script.play(scenario).events
        let report = DrillReport(scenario: scenario, events: events, mode: script.mode)
        let database = try AppDatabase.open(path: db)
        defer { try? database.close() }
        for index in 0..<count {
            let start = Date(timeIntervalSince1970: 1_795_320_062 + Double(index) * 3_600)
            _ = try database.recordFinishedRun(
                scenario: scenario, source: try #require(loaded.source), path: CLI.fixture("certificate.yaml"), interface: .script, speed: nil,
                participants: scenario.playerRoles.map { Participant(role: $0.id) }, events: events, report: report, wallClock: { start }
            )
        }
        return try database.runHeads().map(\.id)
    }

    /// Holds run `id`'s key in database `name` from another session (an insert not committed),
    /// so that the copy waits there, with every run before it committed; `release` ends it.
    final class Blocker: @unchecked Sendable {
        let cluster: PostgresCluster
        let name: String
        let done = DispatchSemaphore(value: 0)

        init(_ cluster: PostgresCluster, _ name: String, runID: String) throws {
            self.cluster = cluster
            self.name = name
            Thread { [self] in
                _ = try? cluster.sql("""
                    BEGIN;
                    INSERT INTO run (id, scenario_id, scenario_title, scenario_sha256, scenario_path, mode, interface, created_at, started_at, status, scenario_source)
                    VALUES ('\(runID)', 'x', 'x', 'x', 'x', 'live', 'terminal', 'x', 'x', 'running', 'x');
                    SELECT pg_sleep(60);
                    ROLLBACK;
                    """, database: name)
                done.signal()
            }.start()
            // Held once the session sleeps in its open transaction, however slow the machine.
            let deadline = ContinuousClock.now + .seconds(30)
            while try cluster.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(name)' AND query LIKE '%pg_sleep(60)%' AND wait_event = 'PgSleep'") != "1\n" {
                try #require(ContinuousClock.now < deadline, "the other session never held the run")
                usleep(20_000)
            }
        }

        /// Waits until the copy waits for this session, with `committed` runs in the target.
        func waitForTheCopy(committed: Int) throws {
            let deadline = ContinuousClock.now + .seconds(30)
            while try cluster.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(name)' AND wait_event_type = 'Lock'") != "1\n"
                || cluster.sql("SELECT count(*) FROM run", database: name) != "\(committed)\n" {
                try #require(ContinuousClock.now < deadline, "the copy never reached the held run")
                usleep(20_000)
            }
        }

        func release() {
            _ = try? cluster.sql("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)' AND query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()")
            done.wait()
        }
    }

    @Test("200 runs: SIGTERM stops after the run being copied, kill -9 in the middle of a run loses nothing; the same command again completes and every run verifies")
    func interrupted() throws {
        let directory = try CLI.temporaryDirectory()
        let db = directory.appendingPathComponent("drills.sqlite").path
        let runs = try Self.manyRuns(200, in: db)
        #expect(runs.count == 200)
        let cluster = try PostgresCluster.shared()
        let name = try cluster.database("cli_store_copy_interrupted")
        let url = cluster.url(name)
        // The schema first (an empty store copies nothing), so that a run can be held before the copy starts.
        let empty = directory.appendingPathComponent("empty.sqlite").path
        try AppDatabase.open(path: empty).close()
        let nothing = try CLI.run(["store", "copy", "--from", empty, "--to", url])
        #expect(nothing.status == 0 && Self.counts(nothing.stdout, "runs") == [0, 0, 0], "\(nothing.stdout)\(nothing.stderr)")

        try CLI.exclusive {
            // SIGTERM while the 50th run waits: that run is finished, then the copy stops.
            let first = try Blocker(cluster, name, runID: runs[49])
            let copy = try LiveProcess(["store", "copy", "--from", db, "--to", url])
            try first.waitForTheCopy(committed: 49)
            let reached = ContinuousClock.now
            kill(copy.process.processIdentifier, SIGTERM)
            #expect(copy.waitFor("stopping after the run being copied"), "\(copy.text)")
            // Past the progress interval, so that a progress line is due after the run.
            while ContinuousClock.now - reached < .milliseconds(2_500) { usleep(20_000) }
            first.release()
            #expect(copy.finish() == 130, "\(copy.text)")
            #expect(copy.text.contains("runs: 50 of 200 (50 copied, 0 already there, 0 not copied; "), "\(copy.text)")
            #expect(copy.text.contains("interrupted after 50 of 200 runs: what was copied stays in postgres://firedrill@"), "\(copy.text)")
            #expect(copy.text.contains("run the same command again to continue"), "\(copy.text)")
            #expect(try cluster.sql("SELECT count(*) FROM run", database: name) == "50\n")

            // kill -9 while the 100th run is being written.
            let second = try Blocker(cluster, name, runID: runs[99])
            let killed = try LiveProcess(["store", "copy", "--from", db, "--to", url])
            try second.waitForTheCopy(committed: 99)
            killed.kill()
            second.release()
        }
        #expect(try cluster.sql("SELECT count(*) FROM run", database: name) == "99\n")

        let rest = try CLI.run(["store", "copy", "--from", db, "--to", url])
        #expect(rest.status == 0, "\(rest.stdout)\(rest.stderr)")
        #expect(Self.counts(rest.stdout, "runs") == [101, 99, 0], "\(rest.stdout)")
        let verify = try CLI.run(["verify", "--db", url])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.components(separatedBy: ": ok, ").count - 1 == 200)
        #expect(try cluster.sql("SELECT count(*) FROM event", database: name) == (try cluster.sql("SELECT sum(event_count) FROM run", database: name)))
    }

    @Test("a store is not copied into itself, however it is named; a missing source is said plainly and nothing is created")
    func refusals() throws {
        let directory = try CLI.temporaryDirectory()
        let db = directory.appendingPathComponent("drills.sqlite").path
        #expect(try CLI.run(["replay", CLI.fixture("certificate.yaml"), CLI.fixture("certificate.script"), "--record", "--db", db]).status == 0)
        let link = directory.appendingPathComponent("link.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: db)
        for other in [db, directory.path + "/./drills.sqlite", link] {
            let copy = try CLI.run(["store", "copy", "--from", db, "--to", other])
            #expect(copy.status == 1, "\(other)")
            #expect(copy.stderr.contains("--from and --to name the same store (\(db)): a store cannot be copied into itself"), "\(copy.stderr)")
        }
        let cluster = try PostgresCluster.shared()
        let samePostgres = try CLI.run(["store", "copy", "--from", cluster.url("somewhere"), "--to", "postgres://someone@127.0.0.1:\(cluster.port)/somewhere"])
        #expect(samePostgres.status == 1 && samePostgres.stderr.contains("a store cannot be copied into itself"), "\(samePostgres.stderr)")
        #expect(!samePostgres.stderr.contains(PostgresCluster.password))

        let target = directory.appendingPathComponent("target.sqlite").path
        let missing = try CLI.run(["store", "copy", "--from", directory.appendingPathComponent("nowhere.sqlite").path, "--to", target])
        #expect(missing.status == 1 && missing.stderr.contains("there is no firedrill database at"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test("--help says what it copies, how it checks, and how to continue")
    func help() throws {
        let help = try CLI.run(["store", "copy", "--help"])
        #expect(help.status == 0)
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for phrase in ["--from <source>", "--to <target>", "a copied token still signs in", "verified again in the target",
                       "nothing in the target is ever overwritten", "the same command run again continues"] {
            #expect(text.contains(phrase), "\(phrase): \(help.stdout)")
        }
        #expect(try CLI.run(["--help"]).stdout.contains("store"))
    }
}
