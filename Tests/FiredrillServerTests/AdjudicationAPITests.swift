import FiredrillCore
import FiredrillRecords
import FiredrillReporting
import FiredrillStore
import FiredrillSQLite
import FiredrillWire
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The adjudication contract over the API: the queue, decisions by evaluators and the
/// trainer, refusals for everyone else and for bad decisions, and a report that follows.
@Suite("Adjudication over the API")
struct AdjudicationAPITests {
    @Test("an evaluator credits a natural answer from the queue; the score follows and the automatic score stays beside it")
    func creditFromTheQueue() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, tokens) = try await client.createDrill()
            let support = try #require((tokens["players"] as? [String: String])?["support"])
            let evaluator = try #require(tokens["evaluator"] as? String)
            let observer = try #require(tokens["observer"] as? String)
            _ = try await client.call(.post, "/api/v1/drills/\(id)/start")
            // "Reported to the firmware lead by chat" pressed as a report: asked back first.
            let asked = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "kind": "report", "text": "Firmware lead informed by chat"}"#)
            #expect(asked.status == .unprocessableContent && asked.errorCode == "did_you_mean", "\(asked.text)")
            let suggestion = try #require((asked.json["error"] as? [String: Any])?["suggestion"] as? [String: Any])
            #expect(suggestion["kind"] as? String == "escalate" && suggestion["target"] as? String == "firmware-lead")
            // The player keeps it a report; it meets nothing and joins the queue.
            let kept = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "kind": "report", "text": "Firmware lead informed by chat", "confirmed": true}"#)
            #expect(kept.status == .created, "\(kept.text)")
            let seq = try #require(kept.json["seq"] as? Int)
            let queue = try await client.call(.get, "/api/v1/drills/\(id)/adjudications", token: evaluator)
            let items = try #require(queue.json["items"] as? [[String: Any]])
            let item = try #require(items.first { $0["action"] as? Int == seq })
            #expect(item["reason"] as? String == "unmatched")
            #expect((item["candidates"] as? [[String: Any]])?.compactMap { $0["objective"] as? String }.contains("esc") == true)
            // Players and observers may not decide; bad decisions are 422 with the reason.
            let decision = #"{"action": \#(seq), "objective": "esc", "decision": "credit", "note": "Escalated, pressed report"}"#
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/adjudications", token: support, body: decision).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/adjudications", token: observer, body: decision).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/drills/\(id)/adjudications", token: observer).status == .forbidden)
            let notAction = try await client.call(.post, "/api/v1/drills/\(id)/adjudications", token: evaluator, body: #"{"action": 0, "objective": "esc", "decision": "credit"}"#)
            #expect(notAction.status == .unprocessableContent && notAction.text.contains("not an action"), "\(notAction.text)")
            let unknown = try await client.call(.post, "/api/v1/drills/\(id)/adjudications", token: evaluator, body: #"{"action": \#(seq), "objective": "nope", "decision": "credit"}"#)
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("unknown objective"))
            let maybe = try await client.call(.post, "/api/v1/drills/\(id)/adjudications", token: evaluator, body: #"{"action": \#(seq), "objective": "esc", "decision": "maybe"}"#)
            #expect(maybe.status == .unprocessableContent && maybe.errorCode == "invalid_decision")
            // The evaluator credits it.
            let made = try await client.call(.post, "/api/v1/drills/\(id)/adjudications", token: evaluator, body: decision)
            #expect(made.status == .created && made.json["type"] as? String == "adjudication" && made.json["by"] as? String == "evaluator-1", "\(made.text)")
            let after = try await client.call(.get, "/api/v1/drills/\(id)/adjudications", token: evaluator)
            #expect(!((after.json["items"] as? [[String: Any]]) ?? []).contains { $0["action"] as? Int == seq })
            _ = try await client.call(.post, "/api/v1/drills/\(id)/end")
            let report = try await client.call(.get, "/api/v1/drills/\(id)/report")
            let esc = try #require((report.json["objectives"] as? [[String: Any]])?.first { $0["id"] as? String == "esc" })
            #expect(esc["status"] as? String == "met" && esc["adjudicated"] as? Bool == true && esc["met_by_action"] as? Int == seq)
            #expect(report.json["score"] as? Double != report.json["automatic_score"] as? Double)
            // The report is `show`'s, and the exported script replays to it, byte for byte.
            let stored = try StoredReport(harness.database, runID: id)
            #expect(report.text == (try JSONReportRenderer.render(stored.report)))
            let script = try ReplayScript.parse(stored.script, for: stored.scenario).get()
            let replayed = DrillReport(scenario: stored.scenario, events: try script.play(stored.scenario).events, mode: script.mode)
            #expect(try JSONReportRenderer.render(replayed) == (try JSONReportRenderer.render(stored.reportWithoutRecord)))
            // A finished drill's report is built once, in every format, until its record changes.
            #expect(try await client.reportsBuilt() == 1)
            #expect(try await client.call(.get, "/api/v1/drills/\(id)/report").text == report.text)
            #expect(try await client.call(.get, "/api/v1/drills/\(id)/report?format=html").status == .ok)
            #expect(try await client.call(.get, "/api/v1/drills/\(id)/report?format=md").status == .ok)
            #expect(try await client.reportsBuilt() == 1)
            // Decisions after the end are recorded too, and the report follows them.
            let late = try await client.call(.post, "/api/v1/drills/\(id)/adjudications", token: evaluator, body: #"{"action": \#(seq), "objective": "esc", "decision": "reject"}"#)
            #expect(late.status == .created, "\(late.text)")
            let relooked = try await client.call(.get, "/api/v1/drills/\(id)/report")
            #expect((relooked.json["objectives"] as? [[String: Any]])?.first { $0["id"] as? String == "esc" }?["status"] as? String != "met")
            #expect(try await client.reportsBuilt() == 2)
            // The finished run's stored result follows, so history agrees with the report.
            let rebuilt = try StoredReport(harness.database, runID: id).report
            #expect(try harness.database.history().first { $0.runID == id }?.score == rebuilt.score)
            #expect(rebuilt.objectives.first { $0.id == "esc" }?.status != .met, "the rejection stands")
        }
    }

    @Test("actions as structure: line breaks and the inject answered are kept; the same rules as typed commands")
    func actionsAsStructure() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, tokens) = try await client.createDrill()
            let support = try #require((tokens["players"] as? [String: String])?["support"])
            _ = try await client.call(.post, "/api/v1/drills/\(id)/start")
            let adlib = try await client.call(.post, "/api/v1/drills/\(id)/injects", body: #"{"to": ["support"], "channel": "email", "subject": "Door stuck"}"#)
            let inject = try #require(adlib.json["inject"] as? String)
            let sent = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "kind": "communicate", "text": "一行目：確認中\n二行目（追って連絡）", "in_reply_to": "\#(inject)"}"#)
            #expect(sent.status == .created, "\(sent.text)")
            #expect(sent.json["text"] as? String == "一行目：確認中\n二行目（追って連絡）" && sent.json["in_reply_to"] as? String == inject)
            let typed = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "command": "say 一行目：確認中"}"#)
            #expect(typed.json["text"] as? String == "一行目：確認中", "full-width kept as typed")
            // Same rules: an escalation needs its target; a reply names a delivered inject.
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "kind": "escalate", "text": "x"}"#).errorCode == "invalid_input")
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "kind": "ack", "text": "x"}"#).status == .badRequest)
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "kind": "acknowledge", "in_reply_to": "ticket"}"#).errorCode == "invalid_input")
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "kind": "acknowledge", "command": "ack"}"#).errorCode == "ambiguous_action")
            let long = String(repeating: "長", count: PlayerAction.maximumTextLength + 1)
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "kind": "action", "text": "\#(long)"}"#).errorCode == "invalid_input")
            // The stream carries the action in the same shape as the 201.
            let stored = try harness.database.storedEvents(runID: id).last { $0.event.typeName == "action" }
            #expect(stored?.event.sequence == typed.json["seq"] as? Int)
        }
    }

    @Test("the clock: speed while running, the next inject, 'nothing left' as a conflict; a drill document says what comes next")
    func clockSteering() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, _) = try await client.createDrill()
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/next").errorCode == "drill_not_started")
            // Before the start, the first inject on the schedule is what comes next.
            #expect(try await client.call(.get, "/api/v1/drills/\(id)").json["next_inject_seconds"] as? Double == 3000)
            _ = try await client.call(.post, "/api/v1/drills/\(id)/start")
            let drill = try await client.call(.get, "/api/v1/drills/\(id)")
            #expect(drill.json["next_inject_seconds"] as? Double == 3000)
            #expect((drill.json["limits"] as? [String: Any])?["action_text"] as? Int == PlayerAction.maximumTextLength)
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/speed", body: #"{"speed": 0}"#).errorCode == "invalid_speed")
            let jumped = try await client.call(.post, "/api/v1/drills/\(id)/next")
            #expect(jumped.status == .ok && jumped.json["drill_seconds"] as? Double ?? 0 >= 3000, "\(jumped.text)")
            let types = try harness.database.storedEvents(runID: id).map(\.event.typeName)
            #expect(types.suffix(2) == ["clock-advanced", "inject-delivered"])
            let none = try await client.call(.post, "/api/v1/drills/\(id)/next")
            #expect(none.status == .conflict && none.errorCode == "no_inject_left")
        }
    }
}
