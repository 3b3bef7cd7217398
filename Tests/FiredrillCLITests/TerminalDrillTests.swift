import FiredrillCore
import FiredrillTestSupport
import Foundation
import Testing
@testable import FiredrillStore
@testable import FiredrillSQLite

/// The terminal drill as participants meet it: the briefing, starting when the trainer says
/// so, line editing while injects arrive, resuming after an interruption, the survey.
@Suite("Terminal drill")
struct TerminalDrillTests {
    static let left = "\u{1B}[D", up = "\u{1B}[A", backspace = "\u{7F}"

    @Test("at a real terminal: the briefing, Enter to start, line editing and history, the acting role in the prompt")
    func lineEditing() throws {
        // A long-lived child holds the spawn lock throughout (see CLI.exclusive).
        try CLI.exclusive { try lineEditingSession() }
    }

    func lineEditingSession() throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("t.sqlite").path
        let out = try CLI.temporaryDirectory()
        let terminal = try PseudoTerminal(["run", CLI.fixture("certificate.yaml"), "--speed", "60", "--db", db, "--out", out.path])
        defer { terminal.kill() }
        #expect(terminal.waitFor("Press Enter"), "\(terminal.text)")
        #expect(terminal.text.contains("PLAYER-BRIEFING") && !terminal.text.contains("TRAINER-SUMMARY"))
        #expect(terminal.text.contains("[ops] > "))
        #expect(!terminal.text.contains("Drill started."), "nothing starts before the trainer says so")
        terminal.type("\r")
        #expect(terminal.waitFor("Drill started."))
        // Type, go back four characters, delete four: "ack seen the tick" becomes "ack seen tick".
        terminal.type("ack seen the tick" + String(repeating: Self.left, count: 4) + String(repeating: Self.backspace, count: 4) + "\r")
        #expect(terminal.waitFor("✓ ops: ack seen tick"), "\(terminal.text)")
        // The arrow up brings the line back; the second acknowledgement is recorded too.
        let mark = terminal.text.count
        terminal.type(Self.up + "\r")
        #expect(terminal.waitFor("✓ ops: ack seen tick", after: mark), "\(terminal.text)")
        terminal.type("@sec\r")
        #expect(terminal.waitFor("[sec] > "))
        terminal.type("/pause\r")
        #expect(terminal.waitFor("Drill paused."))
        terminal.type("ack while paused\r")
        #expect(terminal.waitFor("Not recorded: the drill is paused"))
        #expect(terminal.waitFor("[sec] > ", after: terminal.text.count - 20), "the prompt comes back after a command typed while paused")
        terminal.type("/end\r")
        #expect(terminal.waitFor("1/3."))
        terminal.type("\r\r\r")
        #expect(terminal.finish() == 0)
        let database = try AppDatabase.open(path: db, access: .readOnly)
        let run = try #require(try database.history().first)
        let actions = try database.events(runID: run.runID).filter { $0.typeName == "action" }
        #expect(actions.count == 2)
    }

    @Test("firedrill needs no libedit to build or start: it opens the library when a terminal drill needs it")
    func noLinkToLibEdit() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        process.arguments = [CLI.executable.path]
        let output = Pipe()
        process.standardOutput = output
        try CLI.exclusive { try process.run() }
        let libraries = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && libraries.contains("libc.so"), "\(libraries)")
        #expect(!libraries.contains("libedit"), "the executable links libedit, so it needs libedit-dev to build: \(libraries)")
    }

    @Test("without libedit, a terminal drill takes plain lines: messages end the line on screen and the prompt comes back")
    func plainLineInput() throws {
        try CLI.exclusive {
            let db = try CLI.temporaryDirectory().appendingPathComponent("plain.sqlite").path
            let terminal = try PseudoTerminal(
                ["run", CLI.fixture("certificate.yaml"), "--speed", "60", "--db", db, "--out", CLI.temporaryDirectory().path],
                environment: ["FIREDRILL_LINE_EDITING": "off"]
            )
            defer { terminal.kill() }
            #expect(terminal.waitFor("Press Enter"), "\(terminal.text)")
            terminal.type("\r")
            #expect(terminal.waitFor("Drill started."))
            #expect(terminal.waitFor("[ops] > "), "the plain prompt: \(terminal.text)")
            // The alert (due at 1:00) ends the prompt's line and the prompt comes back below it.
            #expect(terminal.waitFor("TLS handshake failures"), "\(terminal.text)")
            let alert = try #require(terminal.text.range(of: "TLS handshake failures"))
            #expect(terminal.waitFor("[ops] > ", after: terminal.text.distance(from: terminal.text.startIndex, to: alert.upperBound)), "\(terminal.text)")
            terminal.type("ack seen the tick\r")
            #expect(terminal.waitFor("✓ ops: ack seen the tick"), "\(terminal.text)")
            // No line editor: escape sequences of the arrows are not interpreted, so none is sent here.
            #expect(!terminal.text.contains("\u{1B}[2K"), "the plain terminal never redraws a line")
            terminal.type("/end\r")
            #expect(terminal.waitFor("1/3."))
            terminal.type("\r\r\r")
            #expect(terminal.finish() == 0)
            let database = try AppDatabase.open(path: db, access: .readOnly)
            let run = try #require(try database.history().first)
            #expect(try database.events(runID: run.runID).filter { $0.typeName == "action" }.count == 1)
        }
    }

    @Test("in Japanese: full-width commands and slash commands are understood, and firedrill speaks Japanese")
    func fullWidthJapanese() throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("j.sqlite").path
        let result = try CLI.run(
            ["run", CLI.fixture("certificate.yaml"), "--lang", "ja", "--db", db, "--out", CLI.temporaryDirectory().path],
            input: "ａｃｋ　見ました\n／ｓｔａｔｕｓ\n／ｅｎｄ\n\n\n\n"
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("✓ ops: ack 見ました"), "\(result.stdout)")
        #expect(result.stdout.contains("訓練時刻 "), "the status, asked for with a full-width slash command")
        #expect(result.stdout.contains("訓練終了（トレーナーが終了）"))
        #expect(result.stdout.contains("スコア: "))
    }

    @Test("from a pipe, the drill starts with the first line; with no input it never starts and nothing is recorded")
    func pipedStart() throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("p.sqlite").path
        let empty = try CLI.run(["run", CLI.fixture("certificate.yaml"), "--db", db], input: "")
        #expect(empty.status == 0)
        #expect(empty.stdout.contains("The drill was not started; nothing was recorded."))
        if FileManager.default.fileExists(atPath: db) {
            #expect(try AppDatabase.open(path: db, access: .readOnly).history().isEmpty)
        }

        let out = try CLI.temporaryDirectory()
        let help = try CLI.run(["run", CLI.fixture("certificate.yaml"), "--db", db, "--out", out.path], input: "/help\n/start\nack\n/end\n")
        #expect(help.status == 0, "\(help.stderr)")
        let screen = help.stdout
        let helpAt = try #require(screen.range(of: "Drill control:")).lowerBound
        let startAt = try #require(screen.range(of: "Drill started.")).lowerBound
        #expect(helpAt < startAt, "help before the start did not start the drill")
        #expect(screen.contains("✓ ops: ack"))
        #expect(screen.contains("PLAYER-BRIEFING") && !screen.contains("TRAINER-SUMMARY"))
    }

    @Test("survey: a number with a comment is a number and a comment; text questions take words")
    func survey() throws {
        let out = try CLI.temporaryDirectory()
        let result = try CLI.run(
            ["run", CLI.fixture("certificate.yaml"), "--out", out.path],
            input: "ack\n/end\n5 - clear after the status meeting\nmaybe\n3\nCall the supervisor first\n"
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Please answer with a number from 1 to 5"))
        let report = try CLI.json(try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8))
        let survey = try #require(report["survey"] as? [[String: Any]])
        #expect(survey.map { $0["answers"] as? [Int] } == [[5], [3], []])
        #expect(survey.map { $0["texts"] as? [String] } == [["clear after the status meeting"], [], ["Call the supervisor first"]])
        #expect(survey.map { $0["kind"] as? String } == ["scale", "scale", "text"])
        #expect(survey.map { $0["count"] as? Int } == [1, 1, 1])
    }

    @Test("resume: records the interruption, recaps what the player saw, keeps the run's roles and report directory, names the database")
    func resumeKeepsTheRun() throws {
        try CLI.exclusive { try resumeSession() }
    }

    func resumeSession() throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("r.sqlite").path
        let out = try CLI.temporaryDirectory().appendingPathComponent("first-out")
        let drill = try LiveProcess(["run", CLI.fixture("certificate.yaml"), "--speed", "60", "--as", "ops", "--db", db, "--out", out.path])
        drill.send("/start")
        #expect(drill.waitFor("TLS handshake failures"), "\(drill.text)") // the alert at 1:00
        drill.send("ack on it")
        #expect(drill.waitFor("✓ ops: ack on it"))
        Foundation.kill(drill.process.processIdentifier, SIGINT)
        // Wait for the process to leave before closing its input (end of input would end the drill).
        #expect(drill.waitFor("continue with:"))
        drill.process.waitUntilExit()
        #expect(drill.finish() == 130)
        #expect(drill.text.contains("continue with: firedrill resume r-") && drill.text.contains("--db \(db)"), "\(drill.text)")
        let runID = try #require(try AppDatabase.open(path: db, access: .readOnly).history().first?.runID)

        let missing = try CLI.run(["resume", "r-nothing", "--db", db])
        #expect(missing.stderr.contains("searched \(db)"), "\(missing.stderr)")

        let resumed = try CLI.run(["resume", runID, "--db", db], input: "/resume\nack again\n/end\n\n\n\n")
        #expect(resumed.status == 0, "\(resumed.stderr) \(resumed.stdout)")
        #expect(resumed.stdout.contains("What you had seen before the interruption:"))
        #expect(resumed.stdout.contains("TLS handshake failures") && resumed.stdout.contains("✓ ops: ack on it"))
        #expect(resumed.stdout.contains("You play: On-call engineer (ops)."), "the run's roles are kept")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.json").path), "the run's report directory is kept")
        let report = try CLI.json(try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8))
        #expect((report["drill"] as? [String: Any])?["interruptions"] as? Int == 1)
        #expect((report["drill"] as? [String: Any])?["pauses"] as? Int == 0)
    }

    @Test("bundled scenarios are found by name from any directory")
    func bundledByName() throws {
        let elsewhere = try CLI.temporaryDirectory()
        for name in ["newsletter-brochure-leak", "newsletter-brochure-leak-ja", "smart-lock-firmware-auth"] {
            let result = try CLI.run(["validate", name], directory: elsewhere)
            #expect(result.status == 0, "\(name): \(result.stderr)")
        }
        let missing = try CLI.run(["validate", "newsletter-brochure-leek"], directory: elsewhere)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("did you mean 'newsletter-brochure-leak'?"), "\(missing.stderr)")
        #expect(missing.stderr.contains("bundled: certificate-expiry-3am,"), "\(missing.stderr)")
    }

    @Test("an escalation to a played role reaches its player as a message; one to a role played elsewhere is not shown there")
    func escalationsBetweenPlayedRoles() throws {
        let both = try CLI.run(["run", CLI.fixture("certificate.yaml"), "--as", "ops,sec"], input: "escalate Sec via phone cert expires tonight\n/end\n")
        #expect(both.stdout.contains("✓ ops: escalate sec via phone cert expires tonight"))
        #expect(both.stdout.contains("PHONE  from On-call engineer  to sec\n  cert expires tonight"), "\(both.stdout)")
        let elsewhere = try CLI.run(["run", CLI.fixture("certificate.yaml"), "--as", "sec"], input: "escalate ops need you\n/end\n")
        #expect(elsewhere.stdout.contains("✓ sec: escalate ops via chat need you"))
        #expect(!elsewhere.stdout.contains("from Security officer"), "ops is not played here: \(elsewhere.stdout)")
    }
}
