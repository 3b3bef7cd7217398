import FiredrillCore
import FiredrillPostgres
@testable import FiredrillSQLite
import FiredrillStore
import FiredrillTestSupport
import Foundation
import GRDB
import Testing

/// `firedrill store copy` at the level of the stores (``StoreCopy``): SQLite to PostgreSQL and
/// back keeps every row of every kind, with its id; a copy run again skips everything; a
/// record the target holds differently is named and never overwritten; a run that does not
/// verify, or that the target refuses, is named and leaves nothing behind; and a copy stopped
/// between runs continues where it stopped.
@Suite("Copying a store: SQLite to PostgreSQL and back", .serialized)
struct StoreCopyTests {
    static let epoch = HistoryTests.epoch

    func postgres(_ name: String) throws -> PostgresStore {
        let cluster = try PostgresCluster.shared()
        return try PostgresStore.open(try PostgresAddress(url: cluster.url(try cluster.database(name))))
    }

    func sqlite() throws -> AppDatabase {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-copy-\(UUID().uuidString)")
        return try AppDatabase.open(path: folder.appendingPathComponent("drills.sqlite").path)
    }

    /// Secrets of the tokens ``fill(_:)`` made, by token id.
    typealias Secrets = [String: String]

    /// Every kind of record: the seven runs of ``HistoryTests/plans`` (finished, interrupted,
    /// running and ready; live, server and scripted; an answered quiz; an improvement plan),
    /// drill tokens (a player with roles who joined with a name, a revoked evaluator), server
    /// tokens, library versions, corrective actions in each status, near misses (anonymous and
    /// named) and a month's pick.
    static func fill(_ store: AppDatabase) throws -> (runs: [String], secrets: Secrets) {
        let runs = try HistoryTests.record(HistoryTests.plans, in: store)
        func at(_ seconds: Double) -> Date { epoch.addingTimeInterval(seconds) }
        var secrets: Secrets = [:]
        let player = try store.makeToken(runID: runs[5], kind: .player, roles: ["oncall", "comms"], displayName: nil, createdAt: at(10))
        _ = try store.setDisplayName(tokenID: player.token.id, name: "亜矢", at: at(20))
        let evaluator = try store.makeToken(runID: runs[5], kind: .evaluator, roles: [], displayName: nil, createdAt: at(11))
        _ = try store.revokeToken(id: evaluator.token.id, runID: runs[5], at: at(30))
        let observer = try store.makeToken(runID: runs[1], kind: .observer, roles: [], displayName: nil, createdAt: at(12))
        let committee = try store.makeServerToken(kind: .committee, name: "ISMS committee", createdAt: at(13))
        let reporter = try store.makeServerToken(kind: .reporter, name: "総務部", createdAt: at(14))
        _ = try store.revokeServerToken(id: reporter.token.id, at: at(40))
        for made in [(player.token.id, player.secret), (evaluator.token.id, evaluator.secret), (observer.token.id, observer.secret),
                     (committee.token.id, committee.secret), (reporter.token.id, reporter.secret)] {
            secrets[made.0] = made.1
        }
        for (scenario, source) in [("db-outage", "id: db-outage\n# v1\n"), ("db-outage", "id: db-outage\n# v2 ünïcödé\n"), ("phishing", "id: phishing\n")] {
            let base = try store.scenarioVersion(scenarioID: scenario, version: nil)?.version
            _ = try store.saveScenarioVersion(
                scenarioID: scenario, title: scenario.uppercased(), language: "en", source: source, sha256: EventChain.sha256Hex(source),
                baseVersion: base, at: at(50)
            )
        }
        let plan = try PlannedAction(objectiveID: "esc", issue: "CTO paged late", correctiveAction: "Page the CTO first", capability: "Planning",
                                     responsibleOrg: "SRE", responsibleRole: "oncall", startDate: "2026-11-23", dueDate: "2026-12-31")
        let inProgress = try store.addCorrectiveAction(runID: runs[0], plan: plan, createdAt: at(60))
        _ = try store.markCorrectiveActionInProgress(id: inProgress)
        for (index, anonymous) in [true, false, true].enumerated() {
            _ = try store.addNearMiss(NearMiss.Submission(
                title: "近い事故 \(index)", whatHappened: "The backup\nwas not taken.", tags: ["backup", "タグ\(index)"], impact: index + 2,
                occurredOn: "2026-11-2\(index)", anonymous: anonymous, name: anonymous ? nil : "Priya Raman"
            ), reportedOn: "2026-11-22")
        }
        try store.pickMostValuableNearMiss(month: "2026-11", id: 2, at: at(70))
        return (runs, secrets)
    }

    /// Every record of `store` as text, read through the store interface that the commands and
    /// the server use (and each run's rows as ``StoreCopying`` reads them, byte for byte).
    static func dump(_ store: any StoreCopying) throws -> [String] {
        var lines: [String] = []
        for row in try store.history() {
            let id = row.runID
            lines.append("history \(row)")
            lines.append("rows \(try store.runCopy(id: id))")
            lines.append("participants \(try store.participants(runID: id))")
            lines.append("events \(try store.storedEvents(runID: id).map { "\($0.event) at \($0.wallTime)" })")
            lines.append("verify \(try store.verify(runID: id))")
            lines.append("record \(try store.recordInfo(runID: id, now: epoch))")
        }
        lines.append("tokens \(try store.tokens())")
        lines.append("server tokens \(try store.serverTokens())")
        lines.append("library \(try store.latestScenarioVersions()) \(try store.scenarioVersions(scenarioID: "db-outage"))")
        lines.append("actions \(try store.correctiveActions())")
        lines.append("near misses \(try store.nearMisses())")
        lines.append("picks \(try store.mostValuableNearMisses().sorted { $0.key < $1.key })")
        for kind in CopiedRecord.Kind.allCases { lines.append("\(kind) \(try store.copiedRecords(kind))") }
        return lines
    }

    static func copy(_ source: any StoreCopying, to target: any StoreCopying, stopAfter runs: Int = .max) throws -> StoreCopy.Summary {
        var asked = 0
        return try StoreCopy(from: source, to: target).run(shouldStop: {
            asked += 1
            return asked > runs
        })
    }

    @Test("SQLite → PostgreSQL → SQLite: every record arrives whole with its id, every run verifies, a token still signs in, new ids come after the copied ones")
    func roundTrip() throws {
        let source = try sqlite()
        let (runs, secrets) = try Self.fill(source)
        let postgres = try postgres("copy_round_trip")
        defer { try? postgres.close() }
        let back = try sqlite()

        let there = try Self.copy(source, to: postgres)
        #expect(there.problems == [], "\(there.problems)")
        #expect(!there.interrupted && there.runsTotal == 7 && there.runsDone == 7)
        let events = try runs.map { try source.run(id: $0).eventCount }.reduce(0, +)
        #expect(there.runs == StoreCopy.Counts(copied: 7) && there.events == StoreCopy.Counts(copied: events))
        #expect(there.records == [
            .token: StoreCopy.Counts(copied: 3), .serverToken: StoreCopy.Counts(copied: 2), .scenarioVersion: StoreCopy.Counts(copied: 3),
            .correctiveAction: StoreCopy.Counts(copied: 4), .nearMiss: StoreCopy.Counts(copied: 3), .nearMissPick: StoreCopy.Counts(copied: 1),
        ])
        let backAgain = try Self.copy(postgres, to: back)
        #expect(backAgain.problems == [] && backAgain.runs == StoreCopy.Counts(copied: 7))

        let original = try Self.dump(source)
        #expect(try Self.dump(postgres) == original)
        #expect(try Self.dump(back) == original)
        for store in [postgres as any StoreCopying, back] {
            for id in runs {
                #expect(try store.verify(runID: id) == source.verify(runID: id))
                #expect(try store.verify(runID: id).isIntact)
            }
            // The finished runs' stored results still agree with their events.
            for (index, plan) in HistoryTests.plans.enumerated() where plan.status == .finished {
                let report = DrillReport(scenario: plan.scenario, events: try store.events(runID: runs[index]), mode: plan.interface.mode)
                #expect(try store.resultDifferences(runID: runs[index], report: report) == [])
            }
            // A token's secret still matches its copy's hash (the server finds it by that hash).
            for token in try store.tokens() { #expect(secrets[token.id].map(AccessToken.hash(of:)) == token.hash) }
            for token in try store.serverTokens() { #expect(secrets[token.id].map(AccessToken.hash(of:)) == token.hash) }
        }

        // New records are numbered after the copied ones, in both kinds of store.
        let plan = try PlannedAction(issue: "after the copy", correctiveAction: "Train", capability: "Training", responsibleOrg: "SRE")
        #expect(try postgres.addCorrectiveAction(runID: runs[0], plan: plan, createdAt: Self.epoch) == 5)
        #expect(try back.addCorrectiveAction(runID: runs[0], plan: plan, createdAt: Self.epoch) == 5)
        let submission = NearMiss.Submission(title: "new", whatHappened: "x", tags: [], impact: 1, occurredOn: "2026-11-22")
        #expect(try postgres.addNearMiss(submission, reportedOn: "2026-11-22").id == 4)
        #expect(try back.addNearMiss(submission, reportedOn: "2026-11-22").id == 4)
    }

    @Test("the same copy again: everything already there is skipped, nothing written")
    func again() throws {
        let source = try sqlite()
        _ = try Self.fill(source)
        let postgres = try postgres("copy_again")
        defer { try? postgres.close() }
        _ = try Self.copy(source, to: postgres)
        let before = try Self.dump(postgres)

        let again = try Self.copy(source, to: postgres)
        #expect(again.problems == [])
        #expect(again.runs == StoreCopy.Counts(skipped: 7) && again.events.copied == 0 && again.events.skipped > 0)
        #expect(again.records.values.allSatisfy { $0.copied == 0 && $0.failed == 0 && $0.skipped > 0 }, "\(again.records)")
        #expect(again.records.count == CopiedRecord.Kind.allCases.count)
        #expect(try Self.dump(postgres) == before)
    }

    @Test("a run the target holds with another chain head, and records it holds differently, are named and left as they are")
    func differences() throws {
        let source = try sqlite()
        let (runs, _) = try Self.fill(source)
        let postgres = try postgres("copy_differences")
        defer { try? postgres.close() }
        _ = try Self.copy(source, to: postgres)
        let before = try Self.dump(postgres)
        let headBefore = try postgres.run(id: runs[4]).chainHead

        // The running drill goes on in the source; an action is closed; the pick changes.
        let running = try source.recorder(appendingTo: runs[4])
        try running.append(Array(HistoryTests.events()[2..<4]))
        _ = try source.closeCorrectiveAction(id: 4, evidence: "runbook v2", at: Self.epoch)
        try source.pickMostValuableNearMiss(month: "2026-11", id: 3, at: Self.epoch)

        let summary = try Self.copy(source, to: postgres)
        #expect(summary.runs == StoreCopy.Counts(skipped: 6, failed: 1))
        #expect(summary.records[.correctiveAction] == StoreCopy.Counts(skipped: 3, failed: 1))
        #expect(summary.records[.nearMissPick] == StoreCopy.Counts(failed: 1))
        #expect(summary.problems.map(\.record) == ["run \(runs[4])", "corrective action 4 (of run \(runs[0]))", "the most valuable near miss of 2026-11"])
        let problems = summary.problems.map(\.description)
        #expect(problems[0].contains("\(postgres.location) holds another record of this run (chain head \(headBefore?.prefix(12) ?? "?")…, 2 events there"), "\(problems[0])")
        #expect(problems[0].contains("4 events in \(source.location)") && problems[0].contains("it was not overwritten"), "\(problems[0])")
        #expect(problems[1].contains("different status, closing_evidence, closed_at") && problems[1].contains("not overwritten"), "\(problems[1])")
        #expect(problems[2].contains("different near_miss_id, picked_at"), "\(problems[2])")
        #expect(!problems.joined().contains(PostgresCluster.password))
        // Nothing changed in the target: the run still ends where it did, and verifies.
        #expect(try Self.dump(postgres) == before)
        #expect(try postgres.verify(runID: runs[4]) == .intact(head: headBefore ?? "", events: 2))
    }

    @Test("a run whose chain does not verify in the source is named and not copied, nor what belongs to it; the others are")
    func brokenRun() throws {
        let source = try sqlite()
        let (runs, _) = try Self.fill(source)
        try source.write { db in
            try db.execute(sql: "UPDATE event SET payload = replace(payload, 'on it', 'on it!') WHERE run_id = ? AND seq = 2", arguments: [runs[0]])
        }
        let postgres = try postgres("copy_broken_run")
        defer { try? postgres.close() }

        let summary = try Self.copy(source, to: postgres)
        #expect(summary.runs == StoreCopy.Counts(copied: 6, failed: 1))
        #expect(summary.events.failed == (try source.run(id: runs[0]).eventCount))
        #expect(summary.problems.first?.description.hasPrefix("run \(runs[0]): its chain does not verify in \(source.location) (at event 2: event 2 was altered") == true,
                "\(summary.problems)")
        // Its corrective action is not copied either; the other records are.
        #expect(summary.records[.correctiveAction] == StoreCopy.Counts(copied: 3, failed: 1))
        #expect(summary.problems.last?.description.contains("its run \(runs[0]) is not in \(postgres.location)") == true, "\(summary.problems)")
        #expect(throws: StoreError.runNotFound(runs[0])) { try postgres.run(id: runs[0]) }
        #expect(try postgres.runHeads().map(\.id) == runs.filter { $0 != runs[0] })
        for id in try postgres.runHeads().map(\.id) { #expect(try postgres.verify(runID: id).isIntact) }
    }

    @Test("a run the target refuses part of is written not at all, and named; the copy goes on")
    func allOrNothing() throws {
        let source = try sqlite()
        let (runs, _) = try Self.fill(source)
        let postgres = try postgres("copy_all_or_nothing")
        defer { try? postgres.close() }
        // The target refuses the first run's quiz results, written after its row, participants and events.
        let cluster = try PostgresCluster.shared()
        try cluster.sql("""
            CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no quiz here'; END $$;
            CREATE TRIGGER refuse BEFORE INSERT ON quiz_result FOR EACH ROW WHEN (NEW.run_id = '\(runs[0])') EXECUTE FUNCTION refuse();
            """, database: "copy_all_or_nothing")

        let summary = try Self.copy(source, to: postgres)
        #expect(summary.runs == StoreCopy.Counts(copied: 6, failed: 1))
        #expect(summary.problems.first?.record == "run \(runs[0])", "\(summary.problems)")
        #expect(summary.problems.first?.reason.contains("no quiz here") == true, "\(summary.problems)")
        // Not even the run's row or its events: the whole transaction was rolled back.
        for table in ["run WHERE id", "participant WHERE run_id", "event WHERE run_id"] {
            #expect(try cluster.sql("SELECT count(*) FROM \(table) = '\(runs[0])'", database: "copy_all_or_nothing") == "0\n", "\(table)")
        }
        #expect(try postgres.runHeads().count == 6)

        // Once the target takes it, the same copy adds it, and skips the rest.
        try cluster.sql("DROP TRIGGER refuse ON quiz_result", database: "copy_all_or_nothing")
        let again = try Self.copy(source, to: postgres)
        #expect(again.runs == StoreCopy.Counts(copied: 1, skipped: 6) && again.problems == [], "\(again.problems)")
        #expect(try Self.dump(postgres) == Self.dump(source))
    }

    @Test("a run that reads back from the target other than it was written is named")
    func readBack() throws {
        let source = try sqlite()
        let (runs, _) = try Self.fill(source)
        let postgres = try postgres("copy_read_back")
        defer { try? postgres.close() }
        // The target changes the first run's quiz results as they are written (its chain does not cover them).
        try PostgresCluster.shared().sql("""
            CREATE FUNCTION change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.correct := NEW.correct + 1; RETURN NEW; END $$;
            CREATE TRIGGER change BEFORE INSERT ON quiz_result FOR EACH ROW WHEN (NEW.run_id = '\(runs[0])') EXECUTE FUNCTION change();
            """, database: "copy_read_back")

        let summary = try Self.copy(source, to: postgres)
        #expect(summary.runs == StoreCopy.Counts(copied: 6, failed: 1))
        #expect(summary.problems.map(\.description) == [
            "run \(runs[0]): it was copied, but \(postgres.location) reads back other quiz results than \(source.location) holds; run 'firedrill verify \(runs[0])' on both",
        ])
    }

    @Test("a copy stopped between runs leaves whole runs only, and the same copy again finishes it (PostgreSQL → SQLite too)")
    func interrupted() throws {
        let source = try sqlite()
        for day in 0..<30 {
            _ = try source.recordFinishedRun(
                scenario: HistoryTests.outage, source: HistoryTests.source, path: "/drills/db-outage.yaml", interface: .script, speed: nil,
                participants: HistoryTests.team, events: HistoryTests.events(),
                report: DrillReport(scenario: HistoryTests.outage, events: HistoryTests.events(), mode: .replay),
                wallClock: HistoryTests.clock(HistoryTests.day(day))
            )
        }
        let plan = try PlannedAction(issue: "late", correctiveAction: "Train", capability: "Training", responsibleOrg: "SRE")
        let last = try #require(try source.runHeads().last?.id)
        _ = try source.addCorrectiveAction(runID: last, plan: plan, createdAt: Self.epoch)
        let postgres = try postgres("copy_interrupted")
        defer { try? postgres.close() }

        let first = try Self.copy(source, to: postgres, stopAfter: 12)
        #expect(first.interrupted && first.runsDone == 12 && first.runsTotal == 30 && first.runs == StoreCopy.Counts(copied: 12))
        #expect(first.records.isEmpty, "the other records come after the runs")
        let copied = try postgres.runHeads()
        #expect(copied == Array(try source.runHeads().prefix(12)))
        for head in copied { #expect(try postgres.verify(runID: head.id).isIntact) }

        let second = try Self.copy(source, to: postgres)
        #expect(!second.interrupted && second.problems == [])
        #expect(second.runs == StoreCopy.Counts(copied: 18, skipped: 12))
        #expect(second.records[.correctiveAction] == StoreCopy.Counts(copied: 1))
        #expect(try postgres.runHeads() == source.runHeads())

        // And back, stopped once more.
        let back = try sqlite()
        #expect(try Self.copy(postgres, to: back, stopAfter: 29).runs == StoreCopy.Counts(copied: 29))
        #expect(try Self.copy(postgres, to: back).runs == StoreCopy.Counts(copied: 1, skipped: 29))
        #expect(try Self.dump(back) == Self.dump(source))
    }

    @Test("a store is not copied into itself")
    func intoItself() throws {
        let source = try sqlite()
        #expect(throws: StoreCopy.intoItself(source.location)) { try StoreCopy(from: source, to: source) }
        let postgres = try postgres("copy_into_itself")
        defer { try? postgres.close() }
        let sameDatabase = try PostgresStore.open(try PostgresAddress(url: PostgresCluster.shared().url("copy_into_itself")))
        defer { try? sameDatabase.close() }
        #expect(throws: StoreCopy.intoItself(postgres.location)) { try StoreCopy(from: postgres, to: sameDatabase) }
    }
}
