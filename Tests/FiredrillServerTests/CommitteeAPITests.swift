import FiredrillSQLite
import FiredrillStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The committee's side of the server: server-scope tokens, the history of drills, trends and
/// the improvement plan, with the same records and checks as the command line.
@Suite("The committee's workspace over the API")
struct CommitteeAPITests {
    static func body(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// A finished drill of the fixture scenario, with one acknowledgement.
    static func finishedDrill(_ client: some TestClientProtocol) async throws -> String {
        let (id, tokens) = try await client.createDrill()
        let support = try #require((tokens["players"] as? [String: String])?["support"])
        _ = try await client.call(.post, "/api/v1/drills/\(id)/start")
        _ = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "command": "ack"}"#)
        _ = try await client.call(.post, "/api/v1/drills/\(id)/end")
        return id
    }

    @Test("the trainer issues a committee token; the committee reads drills as an observer, the history and the plan, and changes no drill")
    func committeeToken() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let id = try await Self.finishedDrill(client)
            let issued = try await client.call(.post, "/api/v1/tokens", body: #"{"kind": "committee", "name": "情報セキュリティ委員会"}"#)
            #expect(issued.status == .created, "\(issued.text)")
            let committee = try #require(issued.json["token"] as? String)
            #expect(committee.hasPrefix("fdc_") && (issued.json["link"] as? String)?.hasSuffix("/join/\(committee)") == true)
            let listed = try #require(try await client.call(.get, "/api/v1/tokens").json["tokens"] as? [[String: Any]])
            #expect(listed.count == 1 && listed[0]["name"] as? String == "情報セキュリティ委員会" && !listed.description.contains(committee))
            let session = try await client.call(.get, "/api/v1/session", token: committee)
            #expect(session.json["kind"] as? String == "committee" && session.json["name"] as? String == "情報セキュリティ委員会")
            // Reads a drill as an observer would: never the trainer's notes.
            let document = try await client.call(.get, "/api/v1/drills/\(id)", token: committee)
            #expect(document.status == .ok && !document.text.contains("TRAINER-ONLY"), "\(document.text)")
            let report = try await client.call(.get, "/api/v1/drills/\(id)/report", token: committee)
            #expect(report.status == .ok && !report.text.contains("TRAINER-ONLY-NOTE"))
            // History: the drill, as `firedrill history --format json` writes it.
            let history = try await client.call(.get, "/api/v1/history", token: committee)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(history.text.utf8)) as? [[String: Any]])
            #expect(rows.count == 1 && rows[0]["run_id"] as? String == id && rows[0]["status"] as? String == "finished")
            #expect(rows[0]["time_to_acknowledge_seconds"] != nil && rows[0]["open_corrective_actions"] as? Int == 0)
            // Never steers, acts or makes drills.
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/start", token: committee).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/drills", token: committee, body: #"{"scenario": "certificate-expiry-3am"}"#).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/tokens", token: committee, body: #"{"kind": "committee"}"#).status == .forbidden)
            // Revoked: refused at once.
            let tokenID = try #require(issued.json["id"] as? String)
            #expect(try await client.call(.delete, "/api/v1/tokens/\(tokenID)").status == .ok)
            #expect(try await client.call(.get, "/api/v1/history", token: committee).status == .unauthorized)
            #expect(try await client.call(.delete, "/api/v1/tokens/tok-none").status == .notFound)
            let bad = try await client.call(.post, "/api/v1/tokens", body: #"{"kind": "player"}"#)
            #expect(bad.status == .unprocessableContent && bad.errorCode == "invalid_kind")
        }
    }

    @Test("a reporter token reads nothing: no drill, no history")
    func reporterReadsNothing() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let id = try await Self.finishedDrill(client)
            let reporter = try #require(try await client.call(.post, "/api/v1/tokens", body: #"{"kind": "reporter"}"#).json["token"] as? String)
            #expect(reporter.hasPrefix("fdr_"))
            #expect(try await client.call(.get, "/api/v1/drills/\(id)", token: reporter).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/history", token: reporter).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/actions", token: reporter).status == .forbidden)
        }
    }

    @Test("the improvement plan: add with the wording warning, list open and overdue, close with evidence; bad input is 422 naming the field")
    func improvementPlan() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let id = try await Self.finishedDrill(client)
            let committee = try #require(try await client.call(.post, "/api/v1/tokens", body: #"{"kind": "committee"}"#).json["token"] as? String)
            let added = try await client.call(.post, "/api/v1/actions", token: committee, body: Self.body([
                "run": id, "objective": "esc", "issue": "Escalation took too long", "corrective_action": "Support was careless and should have escalated sooner",
                "capability": "training", "responsible_org": "Support", "due_date": "2020-01-31",
            ]))
            #expect(added.status == .created, "\(added.text)")
            let actionID = try #require(added.json["id"] as? Int)
            let warnings = try #require(added.json["warnings"] as? [[String: Any]])
            #expect(warnings.contains { $0["field"] as? String == "corrective_action" && ($0["suggestion"] as? String)?.isEmpty == false }, "\(added.text)")
            #expect((added.json["action"] as? [String: Any])?["status"] as? String == "open")
            let calm = try await client.call(.post, "/api/v1/actions", token: committee, body: Self.body([
                "run": id, "issue": "No runbook for the door", "corrective_action": "Write the unlock runbook and link it from the ticket form",
                "capability": "planning", "responsible_org": "Support",
            ]))
            #expect(calm.status == .created && (calm.json["warnings"] as? [Any])?.isEmpty == true, "\(calm.text)")
            let overdue = try #require(try JSONSerialization.jsonObject(with: Data(try await client.call(.get, "/api/v1/actions?overdue=true", token: committee).text.utf8)) as? [[String: Any]])
            #expect(overdue.map { $0["id"] as? Int } == [actionID])
            let closed = try await client.call(.post, "/api/v1/actions/\(actionID)/close", token: committee, body: #"{"evidence": "Runbook v2 published, drill on 2026-12-01 met the target"}"#)
            #expect(closed.status == .ok && (closed.json["action"] as? [String: Any])?["status"] as? String == "closed", "\(closed.text)")
            let open = try #require(try JSONSerialization.jsonObject(with: Data(try await client.call(.get, "/api/v1/actions?open=true&run=\(id)").text.utf8)) as? [[String: Any]])
            #expect(open.count == 1)
            // The same checks as the command line.
            let badCapability = try await client.call(.post, "/api/v1/actions", body: Self.body([
                "run": id, "issue": "x", "corrective_action": "y", "capability": "magic", "responsible_org": "Support",
            ]))
            #expect(badCapability.status == .unprocessableContent && badCapability.text.contains("magic"), "\(badCapability.text)")
            let unknownRun = try await client.call(.post, "/api/v1/actions", body: Self.body([
                "run": "no-such-run", "issue": "x", "corrective_action": "y", "capability": "planning", "responsible_org": "Support",
            ]))
            #expect(unknownRun.status == .unprocessableContent && unknownRun.errorCode == "unknown_run")
            #expect(try await client.call(.post, "/api/v1/actions/999/close", body: #"{"evidence": "x"}"#).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/actions/abc/close", body: #"{"evidence": "x"}"#).status == .badRequest)
            let history = try await client.call(.get, "/api/v1/history")
            #expect(history.text.contains(#""open_corrective_actions":1"#), "\(history.text)")
        }
    }

    @Test("corrective-action strength: weak wording gets a suggestion in the asked language; dry_run saves nothing; the action's JSON carries strength and evidence_strength")
    func actionStrength() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let id = try await Self.finishedDrill(client)
            let body = Self.body([
                "run": id, "issue": "The wrong file was attached", "corrective_action": "送信前に添付ファイルに注意するよう周知する",
                "capability": "training", "responsible_org": "Promotion",
            ])
            let preview = try await client.call(.post, "/api/v1/actions?dry_run=true&lang=ja", body: body)
            #expect(preview.status == .ok, "\(preview.text)")
            let advice = try #require((preview.json["strength"] as? [[String: Any]])?.first)
            #expect(advice["field"] as? String == "corrective_action" && advice["strength"] as? String == "weak" && advice["label"] as? String == "弱い")
            #expect((advice["suggestion"] as? String)?.contains("自動化") == true, "\(preview.text)")
            #expect(preview.json["id"] == nil || preview.json["id"] is NSNull)
            let none = try JSONSerialization.jsonObject(with: Data(try await client.call(.get, "/api/v1/actions").text.utf8)) as? [Any]
            #expect(none?.isEmpty == true, "a dry run saved nothing")

            let added = try await client.call(.post, "/api/v1/actions", body: body)
            #expect(added.status == .created)
            let action = try #require(added.json["action"] as? [String: Any])
            #expect(action["strength"] as? String == "weak" && action["evidence_strength"] == nil)
            let actionID = try #require(added.json["id"] as? Int)
            let dryClose = try await client.call(.post, "/api/v1/actions/\(actionID)/close?dry_run=true", body: #"{"evidence": "Attachment check automated in the mailing tool"}"#)
            #expect(dryClose.status == .ok && (dryClose.json["strength"] as? [[String: Any]])?.first?["strength"] as? String == "strong", "\(dryClose.text)")
            #expect((dryClose.json["action"] as? [String: Any])?["status"] as? String == "open", "a dry run closes nothing")
            let closed = try await client.call(.post, "/api/v1/actions/\(actionID)/close", body: #"{"evidence": "Attachment check automated in the mailing tool"}"#)
            let listed = try #require(try JSONSerialization.jsonObject(with: Data(try await client.call(.get, "/api/v1/actions").text.utf8)) as? [[String: Any]])
            #expect(closed.status == .ok && listed.first?["evidence_strength"] as? String == "strong" && listed.first?["strength"] as? String == "weak", "\(listed)")
            #expect(try await client.call(.post, "/api/v1/actions?dry_run=maybe", body: body).status == .badRequest)
        }
    }

    @Test("evidence as one ZIP of what firedrill export writes: every run, or those named; committee may, reporters may not")
    func exports() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let first = try await Self.finishedDrill(client)
            let second = try await Self.finishedDrill(client)
            let committee = try #require(try await client.call(.post, "/api/v1/tokens", body: #"{"kind": "committee"}"#).json["token"] as? String)
            let reporter = try #require(try await client.call(.post, "/api/v1/tokens", body: #"{"kind": "reporter"}"#).json["token"] as? String)
            let all = try await client.call(.get, "/api/v1/exports?lang=ja&tz=Asia/Tokyo", token: committee)
            #expect(all.status == .ok && all.headers[.contentType] == "application/zip", "\(all.text.prefix(200))")
            #expect(all.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"firedrill-evidence-") == true)
            let bytes = Array(all.text.utf8)
            #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), "a ZIP archive")
            // Entry names are stored as written in the archive's directory.
            for name in ["runs.csv", "objectives.csv", "corrective-actions.csv", "\(first).json", "\(first).html", "\(second).script", "\(second).scenario.yaml"] {
                #expect(all.text.contains(name), "\(name) is in the archive")
            }
            let one = try await client.call(.get, "/api/v1/exports?run=\(first)", token: committee)
            #expect(one.status == .ok && one.text.contains("\(first).md") && !one.text.contains("\(second).md"))
            #expect(try await client.call(.get, "/api/v1/exports", token: reporter).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/exports?tz=Mars/Olympus").status == .badRequest)
            #expect(try await client.call(.get, "/api/v1/exports?since=2001-01-01&until=2001-01-02").errorCode == "no_runs")
            #expect(try await client.call(.get, "/api/v1/exports?run=no-such-run").errorCode == "unknown_run")
            #expect(FileManager.default.temporaryDirectory.path.isEmpty == false)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path).filter { $0.hasPrefix("firedrill-export-") }
            #expect(leftovers.isEmpty, "temporary archives are removed once sent: \(leftovers)")
        }
    }

    @Test("history pages and filters in the store; trends by scenario and department as JSON")
    func historyAndTrends() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            var ids: [String] = []
            for _ in 0..<3 { ids.append(try await Self.finishedDrill(client)) }
            func runs(_ query: String) async throws -> [String] {
                let answer = try await client.call(.get, "/api/v1/history" + query)
                let rows = try #require(try JSONSerialization.jsonObject(with: Data(answer.text.utf8)) as? [[String: Any]], "\(answer.text)")
                return rows.compactMap { $0["run_id"] as? String }
            }
            let all = try await runs("")
            #expect(Set(all) == Set(ids) && all.count == 3)
            #expect(try await runs("?limit=2") == Array(all.prefix(2)))
            #expect(try await runs("?limit=2&offset=2") == [all[2]])
            #expect(try await runs("?scenario=nothing-like-it").isEmpty)
            #expect(try await runs("?until=2000-01-01").isEmpty)
            #expect(try await client.call(.get, "/api/v1/history?limit=0").status == .badRequest)
            #expect(try await client.call(.get, "/api/v1/history?since=yesterday").status == .badRequest)
            // Drills the trainer ended early are incomplete: left out unless asked for.
            let complete = try await client.call(.get, "/api/v1/trends")
            #expect(complete.json["incomplete_left_out"] as? Int == 3 && (complete.json["groups"] as? [Any])?.isEmpty == true, "\(complete.text)")
            let trends = try await client.call(.get, "/api/v1/trends?include_incomplete=true")
            let groups = try #require(trends.json["groups"] as? [[String: Any]])
            #expect(trends.json["by"] as? String == "scenario" && groups.first?["name"] as? String == "server-fixture" && groups.first?["runs"] as? Int == 3)
            let score = try #require((groups.first?["series"] as? [[String: Any]])?.first { $0["name"] as? String == "score" })
            #expect((score["values"] as? [Any])?.count == 3 && score["median"] is Double && score["unit"] as? String == "points")
            let departments = try await client.call(.get, "/api/v1/trends?by=department&include_incomplete=true")
            #expect(departments.json["by"] as? String == "department" && (departments.json["groups"] as? [[String: Any]])?.isEmpty == false, "\(departments.text)")
            #expect(try await client.call(.get, "/api/v1/trends?by=person").status == .badRequest)
        }
    }
}
