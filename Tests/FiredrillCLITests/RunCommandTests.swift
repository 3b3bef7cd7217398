import Foundation
import Testing

/// The terminal drill, fed from a pipe. At 100 000× the 30-minute drill lasts about 18 ms of
/// real time; the assertions do not depend on how far the clock got, only on what is shown.
@Suite("firedrill run")
struct RunCommandTests {
    @Test func pipedDrillShowsInjectsTakesActionsAndWritesReports() throws {
        let out = try CLI.temporaryDirectory()
        let input = """
        ack seen
        escalte boss
        @sec do renew certificate
        @nobody ack
        /status
        /bogus
        /help
        /end
        """
        let result = try CLI.run(["run", CLI.fixture("certificate.yaml"), "--speed", "1", "--out", out.path], input: input)
        #expect(result.status == 0, "\(result.stderr)")
        let screen = result.stdout
        #expect(screen.contains("firedrill — Certificate expires at 3 a.m."))
        #expect(screen.contains("✓ ops: ack seen"))
        #expect(screen.contains("unknown command 'escalte' — did you mean 'escalate'?"))
        #expect(screen.contains("✓ sec: do renew certificate"))
        #expect(screen.contains("'nobody' is not one of the roles played here"))
        #expect(screen.contains("injects so far: 0; objectives met: 1 of 3"))
        #expect(screen.contains("Unknown command '/bogus'"))
        #expect(screen.contains("escalate <role> [via <channel>] [text]"))
        #expect(screen.contains("Drill ended") && screen.contains("ended by the trainer"))
        #expect(screen.contains("Score:"))
        #expect(!screen.contains("\u{1B}["), "no colour codes when piped")
        // Trainer-only fields and future injects never appear.
        #expect(!screen.contains("TRAINER-ONLY"))
        #expect(!screen.contains("CTO asks what is going on"))

        let json = try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8)
        let report = try CLI.json(json)
        let objectives = try #require(report["objectives"] as? [[String: Any]])
        #expect(objectives.map { $0["id"] as? String } == ["ack", "esc", "fix"])
        #expect(objectives[0]["status"] as? String == "not-exercised") // ended before the alert (1:00) arrived
        #expect((report["coverage"] as? [String: Any])?["complete"] as? Bool == false)
        #expect(objectives[2]["status"] as? String == "met")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.md").path))
    }

    @Test func fastDrillDeliversInjectsToPlayedRolesOnly() throws {
        let out = try CLI.temporaryDirectory()
        // No input: stdin is closed at once, which ends the drill, so keep it open with a
        // long speed-up instead: at 100 000× the drill is over before input could end it.
        let result = try CLI.run(["run", CLI.fixture("certificate.yaml"), "--speed", "100000", "--as", "sec", "--out", out.path], input: "/start\n")
        #expect(result.status == 0, "\(result.stderr)")
        // The alert goes to ops only; sec sees the CTO's chat (to: all) if the drill got that far.
        #expect(!result.stdout.contains("TLS handshake failures"))
        #expect(result.stdout.contains("You play: Security officer (sec)."))
    }

    @Test func badOptionsAreExplained() throws {
        let unknownRole = try CLI.run(["run", CLI.fixture("certificate.yaml"), "--as", "opss"])
        #expect(unknownRole.status != 0)
        #expect(unknownRole.stderr.contains("--as: the scenario has no role 'opss'; did you mean 'ops'?"), "\(unknownRole.stderr)")
        let persona = try CLI.run(["run", CLI.fixture("certificate.yaml"), "--as", "boss"])
        #expect(persona.stderr.contains("'boss' is a simulated person (a persona) and cannot be played"), "\(persona.stderr)")
        let speed = try CLI.run(["run", CLI.fixture("certificate.yaml"), "--speed", "0"])
        #expect(speed.status != 0)
        #expect(speed.stderr.contains("--speed must be a number from 0.01 to 100000"))
        let missing = try CLI.run(["run", "/nonexistent.yaml"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("/nonexistent.yaml: no such file"))
    }
}
