import FiredrillCore
import FiredrillRecords
import FiredrillReporting
import FiredrillServer
import FiredrillStore
@testable import FiredrillSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOHTTP1
import Testing

@Suite("Durability: restarts, and live records that replay to the same report")
struct ServerRestartTests {
    /// A server that dies (no shutdown at all) and one started on the same database: the
    /// drill is offered interrupted where its record stops, resumes, and its record verifies.
    @Test func anUnfinishedDrillIsOfferedPausedAfterACrashAndResumes() async throws {
        let harness = try ServerHarness()
        let path = harness.databasePath
        let drillID = try await harness.application().test(.router) { client -> String in
            let (id, tokens) = try await client.createDrill()
            let support = try #require((tokens["players"] as? [String: String])?["support"])
            _ = try await client.call(.post, "/api/v1/drills/\(id)/start")
            let ack = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "command": "ack"}"#)
            let acknowledged = try #require(ack.json["seq"] as? Int)

            // The first server is still up and never shuts down its drills: as after kill -9,
            // the second one finds the drill's record as the first left it.
            let reopened = try AppDatabase.open(path: path, durability: .normal, access: .readWrite)
            try await ServerHarness.application(on: reopened).test(.router) { second in
                let drill = try await second.call(.get, "/api/v1/drills/\(id)")
                #expect(drill.json["status"] as? String == "interrupted")
                let paused = try await second.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "command": "say back"}"#)
                #expect(paused.status == .conflict)
                #expect(try await second.call(.post, "/api/v1/drills/\(id)/resume").json["status"] as? String == "running")
                let after = try await second.call(
                    .post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "command": "escalate firmware-lead via chat"}"#
                )
                #expect(after.status == .created)
                #expect((after.json["seq"] as? Int ?? 0) > acknowledged)
                #expect(try await second.call(.post, "/api/v1/drills/\(id)/end").json["status"] as? String == "finished")
            }
            return id
        }
        let stored = try StoredReport(harness.database, runID: drillID)
        let kinds = stored.events.map(\.typeName)
        #expect(kinds.contains("interrupted"))
        #expect(kinds.filter { $0 == "action" }.count == 2)
        guard case .intact = try harness.database.verify(runID: drillID) else {
            Issue.record("the record of a drill resumed after a crash should verify")
            return
        }
    }

    /// Graceful shutdown records a running drill as interrupted at once, so the next server
    /// offers it where it stopped.
    @Test func aGracefulShutdownRecordsTheInterruption() async throws {
        let harness = try ServerHarness()
        let drillID = try await harness.application().test(.router) { client -> String in
            let (id, _) = try await client.createDrill()
            _ = try await client.call(.post, "/api/v1/drills/\(id)/start")
            return id
        }
        #expect(try harness.database.storedEvents(runID: drillID).map(\.event.typeName) == ["started", "interrupted"])
        try await harness.application().test(.router) { client in
            let drill = try await client.call(.get, "/api/v1/drills/\(drillID)")
            #expect(drill.json["status"] as? String == "interrupted")
        }
    }

    /// The script exported from a live run with ad-lib injects and observations replays to
    /// a byte-identical report.
    @Test func aLiveRunsScriptReplaysToTheSameReport() async throws {
        let harness = try ServerHarness()
        let drillID = try await harness.application().test(.router) { client -> String in
            let (id, tokens) = try await client.createDrill()
            let players = try #require(tokens["players"] as? [String: String])
            _ = try await client.call(.post, "/api/v1/drills/\(id)/start")
            _ = try await client.call(.post, "/api/v1/drills/\(id)/injects", body: #"{"to": "all", "channel": "chat", "from": "CTO", "subject": "Status?", "body": "状況を教えてください"}"#)
            _ = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: players["support"], body: #"{"role": "support", "command": "ack"}"#)
            _ = try await client.call(.post, "/api/v1/drills/\(id)/observations", token: tokens["evaluator"] as? String, body: #"{"objective": "ack", "rating": "P", "text": "Quick and clear."}"#)
            _ = try await client.call(.post, "/api/v1/drills/\(id)/pause")
            _ = try await client.call(.post, "/api/v1/drills/\(id)/resume")
            _ = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: players["firmware-lead"], body: #"{"role": "firmware-lead", "command": "do roll back firmware 4.2"}"#)
            _ = try await client.call(.post, "/api/v1/drills/\(id)/observations", body: #"{"objective": null, "rating": null, "text": "Nobody told the director."}"#)
            _ = try await client.call(.post, "/api/v1/drills/\(id)/end")
            _ = try await client.call(.post, "/api/v1/drills/\(id)/survey", token: players["support"], body: #"{"answers": [{"question": 0, "score": 5}]}"#)
            return id
        }
        let stored = try StoredReport(harness.database, runID: drillID)
        var recorded = stored.report
        recorded.record = nil
        let script = try ReplayScript.parse(stored.script, for: stored.scenario).get()
        let replayed = try script.play(stored.scenario)
        let report = DrillReport(scenario: stored.scenario, events: replayed.events, mode: script.mode)
        #expect(try JSONReportRenderer.render(report) == (try JSONReportRenderer.render(recorded)))
        #expect(stored.script.contains("!inject"))
        #expect(stored.script.contains("!observe"))
        #expect(stored.script.contains("!mode live"))
    }
}
