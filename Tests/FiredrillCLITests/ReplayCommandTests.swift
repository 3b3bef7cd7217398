import Foundation
import Testing

@Suite("firedrill replay and validate")
struct ReplayCommandTests {
    @Test func replayGivesTheHandComputedScores() throws {
        let result = try CLI.run(["replay", CLI.fixture("certificate.yaml"), CLI.fixture("certificate.script")])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try CLI.json(result.stdout)
        #expect(report["score"] as? Double == 70)
        let objectives = try #require(report["objectives"] as? [[String: Any]])
        #expect(objectives.map { $0["credit"] as? Double } == [1, 0.4, 1])
        #expect(objectives.map { $0["rating"] as? String } == ["P", "M", "P"])
        #expect(objectives.map { $0["elapsed_seconds"] as? Double } == [30, 660, 1200])
        let injects = try #require(report["injects"] as? [[String: Any]])
        #expect(injects.map { $0["status"] as? String } == ["delivered", "delivered", "delivered"])
        #expect(injects.map { $0["at_seconds"] as? Double } == [60, 600, 720])
        let metrics = try #require(report["metrics"] as? [String: Any])
        #expect(metrics["time_to_acknowledge_seconds"] as? Double == 90)
        #expect(metrics["time_to_escalate_seconds"] as? Double == 180)
        #expect(metrics["time_to_first_action_seconds"] as? Double == 1200)
        #expect(metrics["time_to_resolve_seconds"] is NSNull)
        let scenario = try #require(report["scenario"] as? [String: Any])
        #expect(scenario["id"] as? String == "certificate-fixture")
    }

    @Test func replayOfALateTeam() throws {
        let result = try CLI.run(["replay", CLI.fixture("certificate.yaml"), CLI.fixture("late-team.script")])
        let report = try CLI.json(result.stdout)
        #expect(report["score"] as? Double == 31.3)
        let objectives = try #require(report["objectives"] as? [[String: Any]])
        #expect(objectives.map { $0["credit"] as? Double } == [0.75, 0, 0.5])
        #expect(objectives.map { $0["status"] as? String } == ["met", "missed", "met"])
        #expect(objectives[1]["elapsed_seconds"] is NSNull)
        let injects = try #require(report["injects"] as? [[String: Any]])
        #expect(injects.map { $0["status"] as? String } == ["delivered", "delivered", "not-reached"])
        #expect(injects[2]["at_seconds"] is NSNull)
    }

    @Test func replayIsByteIdenticalAcrossRunsInBothFormats() throws {
        for format in ["json", "md"] {
            let arguments = ["replay", CLI.fixture("certificate.yaml"), CLI.fixture("certificate.script"), "--format", format]
            let first = try CLI.run(arguments)
            let second = try CLI.run(arguments)
            #expect(first.status == 0)
            #expect(first.stdout == second.stdout)
            #expect(!first.stdout.isEmpty)
        }
    }

    @Test func markdownReportHasTheSectionsPeopleRead() throws {
        let md = try CLI.run(["replay", CLI.fixture("certificate.yaml"), CLI.fixture("certificate.script"), "--format", "md"]).stdout
        for fragment in ["# After-action report and improvement plan: Certificate expires at 3 a.m.", "**Score**: **70** / 100 — Coverage: 3 of 3 objectives",
                         "## 4. Analysis of objectives", "| esc | Escalate | 2 | 5:00 | 15:00 | 11:00 | 0\\.4 | **M** | **M** | – | On-call engineer |",
                         "## Appendix A. Event log", "| 11:00 | Action: Escalate | **On-call engineer** → Supervisor (Phone): cert expired — meets esc |",
                         "| 13:00 | Reply | **Supervisor** → On-call engineer: OK, call the vendor. |"] {
            #expect(md.squeezingSpaces.contains(fragment), "missing: \(fragment)")
        }
        #expect(!md.contains("TRAINER-ONLY"))
    }

    @Test func scriptErrorsNameTheFileAndLine() throws {
        let directory = try CLI.temporaryDirectory()
        let script = directory.appendingPathComponent("bad.script").path
        try "01:00 ops ack\n00:30 ops ack\n02:00 ops escalate nobody\n".write(toFile: script, atomically: true, encoding: .utf8)
        let result = try CLI.run(["replay", CLI.fixture("certificate.yaml"), script])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(script):2: time 0:30 is earlier than the line before"))
        #expect(result.stderr.contains("\(script):3: unknown role 'nobody'"))
    }

    @Test func validateExitsZeroForBundledScenariosAndOneWithPositionsOtherwise() throws {
        let scenarios = CLI.packageRoot.appendingPathComponent("scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: scenarios.path).filter { $0.hasSuffix(".yaml") }
            .map { scenarios.appendingPathComponent($0).path }
        let ok = try CLI.run(["validate"] + files)
        #expect(ok.status == 0, "\(ok.stderr)")

        let directory = try CLI.temporaryDirectory()
        let broken = directory.appendingPathComponent("broken.yaml").path
        let text = try String(contentsOfFile: CLI.fixture("certificate.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "channel: monitoring", with: "channel: monitorng")
        try text.write(toFile: broken, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["validate", CLI.fixture("certificate.yaml"), broken])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("\(broken):24:14: unknown channel 'monitorng'; did you mean 'monitoring'?"), "\(bad.stderr)")
    }

    @Test func bundledScenariosCanBeNamedById() throws {
        let result = try CLI.run(["validate", "cloud-region-outage"], directory: CLI.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
    }
}
