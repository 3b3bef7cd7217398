import FiredrillCore
import Foundation
import Testing
@testable import FiredrillStore
@testable import FiredrillSQLite

/// Recording, history, show, verify, trends, actions and export, through the executable.
@Suite("Drill records")
struct RecordCommandTests {
    func freshDatabase() throws -> String {
        try CLI.temporaryDirectory().appendingPathComponent("drills.sqlite").path
    }

    func replayRecorded(_ db: String, script: String = "certificate.script") throws -> (runID: String, stdout: String) {
        let result = try CLI.run(["replay", CLI.fixture("certificate.yaml"), CLI.fixture(script), "--record", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let runID = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(runID.hasPrefix("r-"))
        return (runID, result.stdout)
    }

    @Test("history and trends are honest about drills ended early, and trends per department count what its roles met and did")
    func honestHistoryAndDepartmentTrends() throws {
        let db = try freshDatabase()
        let full = try replayRecorded(db).runID
        let earlyScript = try CLI.temporaryDirectory().appendingPathComponent("early.script")
        try "01:30 ops ack seen\n05:00 !end\n".write(to: earlyScript, atomically: true, encoding: .utf8)
        let early = try CLI.run(["replay", CLI.fixture("certificate.yaml"), earlyScript.path, "--record", "--db", db])
        let earlyID = early.stderr.trimmingCharacters(in: .whitespacesAndNewlines)

        let history = try CLI.run(["history", "--format", "json", "--db", db])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        let fullRow = try #require(rows.first { $0["run_id"] as? String == full })
        #expect(fullRow["mode"] as? String == "replay" && fullRow["complete"] as? Bool == true)
        #expect(fullRow["objectives_exercised"] as? Int == 3 && fullRow["objectives_total"] as? Int == 3)
        #expect(fullRow["detection_at_seconds"] as? Double == 60)
        #expect(fullRow["time_to_escalate_seconds"] as? Double == 180, "the chat the supervisor ignores")
        #expect(fullRow["time_to_effective_escalation_seconds"] as? Double == 660, "the phone call that reached her")
        let earlyRow = try #require(rows.first { $0["run_id"] as? String == earlyID })
        #expect(earlyRow["complete"] as? Bool == false && earlyRow["objectives_exercised"] as? Int == 1)
        let table = try CLI.run(["history", "--db", db]).stdout
        #expect(table.contains("1/3 incomplete") && table.contains("3/3"), "\(table)")
        #expect(table.contains("replay"))

        // Trends leave the incomplete run out of the medians unless asked.
        let trends = try CLI.run(["trends", "--db", db]).stdout
        #expect(trends.contains("1 incomplete run (ended before all objectives could be judged) left out"), "\(trends)")
        #expect(trends.contains("scenario certificate-fixture: 1 run,"), "\(trends)")
        let counted = try CLI.run(["trends", "--include-incomplete", "--db", db]).stdout
        #expect(counted.contains("scenario certificate-fixture: 2 runs (1 incomplete),"), "\(counted)")

        // Per department: Operations acknowledged (credit 1) and escalated (0.4); Security renewed (1).
        let csv = try CLI.run(["trends", "--by", "department", "--format", "csv", "--db", db]).stdout
        let records: [[String]] = csv.components(separatedBy: "\r\n").map { $0.components(separatedBy: ",") }
        func value(_ department: String, _ series: String) -> String? {
            let record = records.first { (fields: [String]) -> Bool in
                fields.count > 5 && fields[1] == department && fields[2] == series && fields[3] == full
            }
            return record?[5]
        }
        #expect(value("Operations", "credit of objectives met") == "0.7", "\(csv)")
        #expect(value("Operations", "objectives met") == "2")
        #expect(value("Operations", "time to acknowledge from detection") == "30")
        #expect(value("Operations", "time to escalate from detection") == "120")
        #expect(value("Security", "credit of objectives met") == "1")
        #expect(value("Security", "time to first action from detection") == "1140")
        #expect(!csv.contains("score"), "the team's score is not a department's")
    }

    @Test func aTerminalDrillAppearsInHistoryAndShowReproducesItsReport() throws {
        let db = try freshDatabase()
        let out = try CLI.temporaryDirectory()
        let drill = try CLI.run(
            ["run", CLI.fixture("certificate.yaml"), "--speed", "1", "--db", db, "--out", out.path, "--player", "ops=A. Person/Operations"],
            input: "ack seen\nescalate boss via phone down\n/end\n"
        )
        #expect(drill.status == 0, "\(drill.stderr)")
        let history = try CLI.run(["history", "--format", "json", "--db", db])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        for key in ["run_id", "scenario_id", "status", "score", "started_at"] { #expect(row.keys.contains(key), "\(key)") }
        #expect(row["scenario_id"] as? String == "certificate-fixture")
        #expect(row["status"] as? String == "finished")
        let runID = try #require(row["run_id"] as? String)

        let shown = try CLI.run(["show", runID, "--db", db])
        let written = try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8)
        #expect(shown.stdout == written)
        let report = try CLI.json(written)
        let record = try #require(report["record"] as? [String: Any])
        #expect(record["run_id"] as? String == runID)
        #expect((record["scenario_sha256"] as? String)?.count == 64)
        // The report names roles and departments; who played them is kept in the record only.
        let participants = try #require(record["participants"] as? [[String: Any]])
        #expect(participants.first?["role"] as? String == "ops" && participants.first?["department"] as? String == "Operations")
        #expect(!written.contains("A. Person"))
        #expect(try AppDatabase.open(path: db, access: .readOnly).participants(runID: runID).first?.displayName == "A. Person")
        let markdown = try CLI.run(["show", runID, "--format", "md", "--db", db]).stdout
        #expect(markdown == (try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)))
        #expect(!markdown.contains("A. Person"), "reports speak of roles")

        let verify = try CLI.run(["verify", "--db", db])
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("\(runID): ok") && verify.stdout.contains(record["chain_head"] as? String ?? "?"))
    }

    @Test func replayRecordGivesTheSameScoresAndVerifyCatchesAOneByteEdit() throws {
        let db = try freshDatabase()
        let (runID, stdout) = try replayRecorded(db)
        #expect(try CLI.json(stdout)["score"] as? Double == 70)
        #expect(try CLI.run(["verify", runID, "--db", db]).status == 0)

        let database = try AppDatabase.open(path: db)
        try database.unsafeExecute(sql: "UPDATE event SET payload = replace(payload, 'seen', 'seem') WHERE run_id = ? AND seq = 2", arguments: [runID])
        try database.close()
        let tampered = try CLI.run(["verify", runID, "--db", db])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("\(runID): FAILED at event 2"), "\(tampered.stdout)")
    }

    @Test func historyFiltersAndFormats() throws {
        let db = try freshDatabase()
        let (first, _) = try replayRecorded(db)
        let (second, _) = try replayRecorded(db, script: "late-team.script")
        let json = try CLI.run(["history", "--format", "json", "--db", db]).stdout
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["run_id"] as? String } == [second, first])
        #expect(rows.map { $0["score"] as? Double } == [31.3, 70])
        #expect(rows[0]["time_to_escalate_seconds"] is NSNull)
        let csv = try CLI.run(["history", "--format", "csv", "--db", db]).stdout.split(separator: "\r\n")
        #expect(csv.first?.hasPrefix("run_id,scenario_id,scenario_title,status,score,started_at") == true)
        #expect(csv.count == 3)
        #expect(try CLI.run(["history", "--scenario", "other", "--db", db]).stdout.contains("no runs"))
        #expect(try CLI.run(["history", "--since", "2999-01-01", "--format", "csv", "--db", db]).stdout.split(separator: "\r\n").count == 1)
        let table = try CLI.run(["history", "--db", db]).stdout
        #expect(table.contains(first) && table.contains("finished"))
    }

    @Test func trendsShowMediansPercentilesAndSparklines() throws {
        let db = try freshDatabase()
        _ = try replayRecorded(db)
        _ = try replayRecorded(db, script: "late-team.script")
        _ = try replayRecorded(db)
        let table = try CLI.run(["trends", "--db", db]).stdout
        #expect(table.contains("scenario certificate-fixture: 3 runs"))
        // Scores 70, 31.3, 70: median 70, p90 70; esc credits 0.4, 0, 0.4.
        #expect(table.split(separator: "\n").contains { $0.contains("score") && $0.contains("70") && $0.contains("▆▃▆") }, "\(table)")
        #expect(table.split(separator: "\n").contains { $0.contains("credit esc") && $0.contains("0.4") }, "\(table)")
        let departments = try CLI.run(["trends", "--by", "department", "--db", db]).stdout
        #expect(departments.contains("department Operations: 3 runs"), "\(departments)")
        #expect(departments.contains("department Security: 3 runs"), "\(departments)")
        let csv = try CLI.run(["trends", "--format", "csv", "--db", db]).stdout.split(separator: "\r\n")
        #expect(csv.first == "scope,group,series,run_id,started_at,value,unit,complete")
        #expect(csv.filter { $0.contains(",score,") }.count == 3)
    }

    @Test func correctiveActionsAppearInTheReportAndHistory() throws {
        let db = try freshDatabase()
        let (runID, _) = try replayRecorded(db)
        let add = try CLI.run([
            "actions", "add", "--run", runID, "--objective", "esc", "--issue", "Escalation went to chat first",
            "--action", "Supervisor's phone number on the on-call card", "--capability", "planning",
            "--org", "IT Operations", "--due", "2000-01-31", "--db", db,
        ])
        #expect(add.status == 0, "\(add.stderr)")
        let bad = try CLI.run(["actions", "add", "--run", runID, "--issue", "x", "--action", "y", "--capability", "Vibes", "--org", "z", "--db", db])
        #expect(bad.status != 0 && bad.stderr.contains("Planning"), "\(bad.stderr)")
        #expect(try CLI.run(["actions", "list", "--overdue", "--db", db]).stdout.contains("Supervisor's phone number"))
        let report = try CLI.json(try CLI.run(["show", runID, "--db", db]).stdout)
        let record = try #require(report["record"] as? [String: Any])
        #expect((record["corrective_actions"] as? [[String: Any]])?.map { $0["status"] as? String } == ["open"])
        #expect(try CLI.run(["history", "--db", db]).stdout.split(separator: "\n").first { $0.hasPrefix(runID) }?.hasSuffix("1") == true)
        let close = try CLI.run(["actions", "close", "1", "--evidence", "On-call card v7", "--db", db])
        #expect(close.status == 0, "\(close.stderr)")
        #expect(try CLI.run(["actions", "list", "--open", "--db", db]).stdout.contains("no corrective actions"))
    }

    @Test func exportWritesJSONMarkdownAndCSVWithChainHeads() throws {
        let db = try freshDatabase()
        let (runID, _) = try replayRecorded(db)
        let out = try CLI.temporaryDirectory().appendingPathComponent("evidence")
        let result = try CLI.run(["export", "--out", out.path, "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        #expect(files == [
            "\(runID).json", "\(runID).md", "\(runID).html", "\(runID).script", "\(runID).scenario.yaml",
            "corrective-actions.csv", "objectives.csv", "runs.csv",
        ])
        // The exported script and scenario replay to the run's report without its record.
        let replayed = try CLI.run(["replay", out.appendingPathComponent("\(runID).scenario.yaml").path, out.appendingPathComponent("\(runID).script").path])
        #expect(replayed.stdout == (try CLI.run(["show", runID, "--without-record", "--db", db])).stdout)
        let runs = try String(contentsOf: out.appendingPathComponent("runs.csv"), encoding: .utf8)
        let head = try #require((try CLI.json(try CLI.run(["show", runID, "--db", db]).stdout)["record"] as? [String: Any])?["chain_head"] as? String)
        #expect(runs.contains(head) && runs.contains(",yes\r\n"))
        #expect(runs.contains(",score,objectives_exercised,objectives_total,complete,") && runs.contains(",70,3,3,true,"), "\(runs)")
        #expect(try String(contentsOf: out.appendingPathComponent("\(runID).md"), encoding: .utf8).contains(head))
    }

    @Test func unusableDatabasesGetAClearErrorAndAreLeftAlone() throws {
        let directory = try CLI.temporaryDirectory()
        let junk = directory.appendingPathComponent("junk.sqlite").path
        let bytes = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try bytes.write(to: URL(fileURLWithPath: junk))
        let result = try CLI.run(["history", "--db", junk])
        #expect(result.status != 0)
        #expect(result.stderr.contains(junk), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: junk)) == bytes)

        let blocked = directory.appendingPathComponent("file").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocked))
        let impossible = try CLI.run(["history", "--db", blocked + "/sub/drills.sqlite"])
        #expect(impossible.status != 0 && impossible.stderr.contains("drills.sqlite"), "\(impossible.stderr)")
    }

    @Test func theDatabaseComesFromTheEnvironmentWhenNoOptionIsGiven() throws {
        let db = try freshDatabase()
        let result = try CLI.run(["replay", CLI.fixture("certificate.yaml"), CLI.fixture("certificate.script"), "--record"], environment: ["FIREDRILL_DB": db])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: db))
    }

    @Test func theSurveyIsAskedAfterTheDrillAndRecorded() throws {
        let db = try freshDatabase()
        let out = try CLI.temporaryDirectory()
        let drill = try CLI.run(
            ["run", CLI.fixture("certificate.yaml"), "--db", db, "--out", out.path],
            input: "ack\n/end\nsix\n4\n\n"
        )
        #expect(drill.status == 0, "\(drill.stderr)")
        #expect(drill.stdout.contains("1/3. How realistic did the drill feel? [1-5]"))
        #expect(drill.stdout.contains("Please answer with a number from 1 to 5"))
        #expect(drill.stdout.contains("2/3. How clear were the escalation paths? [1-5]"))
        let report = try CLI.json(try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8))
        let survey = try #require(report["survey"] as? [[String: Any]])
        #expect(survey.map { $0["answers"] as? [Int] } == [[4], [], []])
        #expect(survey[0]["median"] as? Double == 4)
        #expect(survey[1]["median"] is NSNull)
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.squeezingSpaces.contains("| 1 | How realistic did the drill feel? | 1 | 4 | 4 |"), "\(markdown)")
        #expect(try CLI.run(["verify", "--db", db]).status == 0)
    }
}
