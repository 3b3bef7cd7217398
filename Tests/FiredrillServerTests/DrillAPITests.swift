import FiredrillCore
import FiredrillServer
import FiredrillRecords
import FiredrillReporting
import FiredrillStore
import FiredrillSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The drill API: tokens, steering, actions, errors")
struct DrillAPITests {
    @Test func createGivesATokenPerPlayedRoleAndPlayersSeeTheBriefingNotTheSummary() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, tokens) = try await client.createDrill()
            let players = try #require(tokens["players"] as? [String: String])
            #expect(players.keys.sorted() == ["firmware-lead", "support"])
            let player = try await client.call(.get, "/api/v1/drills/\(id)", token: players["support"])
            #expect(player.status == .ok)
            #expect(player.json["status"] as? String == "ready")
            #expect(player.json["my_roles"] as? [String] == ["support"])
            #expect(player.text.contains("PLAYER-BRIEFING"))
            #expect(!player.text.contains("TRAINER-SUMMARY"))
            let observer = try await client.call(.get, "/api/v1/drills/\(id)", token: tokens["observer"] as? String)
            #expect(observer.text.contains("TRAINER-SUMMARY"))
            // Only hashes are stored.
            let stored = try harness.database.tokens(runID: id)
            #expect(stored.count == 4)
            #expect(!stored.contains { $0.hash == players["support"] })
            #expect(stored.contains { $0.hash == AccessToken.hash(of: players["support"]!) })
        }
    }

    @Test("the live board: staff see the schedule with its notes, observers the objectives only, players nothing")
    func progressByAudience() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, tokens) = try await client.createDrill()
            let support = (tokens["players"] as? [String: String])?["support"]
            let before = try await client.call(.get, "/api/v1/drills/\(id)/progress")
            #expect(before.status == .ok)
            let plan = try #require(before.json["injects"] as? [[String: Any]])
            #expect(plan.map { $0["status"] as? String } == ["scheduled"])
            #expect(plan.first?["at_seconds"] as? Double == 3000)
            #expect((plan.first?["trigger"] as? [String: Any])?["at_seconds"] as? Double == 3000)
            #expect(plan.first?["notes"] as? String == "TRAINER-ONLY-NOTE")
            _ = try await client.call(.post, "/api/v1/drills/\(id)/start")
            let ack = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "command": "ack"}"#)
            #expect(ack.status == .created)
            let staff = try await client.call(.get, "/api/v1/drills/\(id)/progress", token: tokens["evaluator"] as? String)
            let objectives = try #require(staff.json["objectives"] as? [[String: Any]])
            #expect(objectives.map { $0["status"] as? String } == ["met", "open"])
            #expect(objectives.first?["on_time"] as? Bool == true && objectives.first?["met_by"] as? String == "support")
            #expect(objectives.last?["due_at_seconds"] as? Double == 600)
            #expect(staff.json["score"] as? Double == 100, "only the decided objective counts: \(staff.text)")
            let coverage = try #require(staff.json["coverage"] as? [String: Any])
            #expect(coverage["objectives_exercised"] as? Int == 1 && coverage["complete"] as? Bool == false)
            let observer = try await client.call(.get, "/api/v1/drills/\(id)/progress", token: tokens["observer"] as? String)
            #expect(observer.status == .ok)
            #expect(observer.json["injects"] is NSNull)
            #expect(!observer.text.contains("TRAINER-ONLY"))
            let player = try await client.call(.get, "/api/v1/drills/\(id)/progress", token: support)
            #expect(player.status == .forbidden)
        }
    }

    @Test("a sign-in link gives an HttpOnly, SameSite cookie per kind of token, lands on its page, and cookie requests that change something need the header")
    func browserSessions() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, tokens) = try await client.createDrill()
            let support = try #require((tokens["players"] as? [String: String])?["support"])
            let join = try await client.call(.get, "/join/\(support)", token: nil)
            #expect(join.status == .seeOther)
            #expect(join.headers[.location] == "/play.html#drill=\(id)")
            let cookie = try #require(join.headers[.setCookie])
            #expect(cookie.hasPrefix("firedrill_player=\(support);"))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            #expect(try await client.call(.get, "/join/\(ServerHarness.trainer)", token: nil).headers[.location] == "/console.html")
            #expect(try await client.call(.get, "/join/fdp_nothing", token: nil).status == .unauthorized)
            let session = try await client.call(.get, "/api/v1/session", token: support)
            #expect(session.json["kind"] as? String == "player" && session.json["drill_id"] as? String == id)
            #expect(session.json["roles"] as? [String] == ["support"])
            #expect(try await client.call(.get, "/api/v1/session").json["drill_id"] is NSNull)

            let player: HTTPFields = [.cookie: "firedrill_player=\(support)"]
            #expect(try await client.call(.get, "/api/v1/drills/\(id)", token: nil, headers: player).json["my_roles"] as? [String] == ["support"])
            // Another site could make the browser send the cookie with a form; it cannot add the header.
            let forged = try await client.call(.post, "/api/v1/drills/\(id)/me", token: nil, body: #"{"name": "Aiko"}"#, headers: player)
            #expect(forged.status == .forbidden)
            var withHeader = player
            withHeader[HTTPField.Name("X-Firedrill-Request")!] = "1"
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/me", token: nil, body: #"{"name": "Aiko"}"#, headers: withHeader).status == .ok)

            // A trainer who also opened a player's link in this browser says which session a page acts as.
            let both: HTTPFields = [.cookie: "firedrill_player=\(support); firedrill_trainer=\(ServerHarness.trainer)"]
            #expect(try await client.call(.get, "/api/v1/drills", token: nil, headers: both).status == .unauthorized)
            var asTrainer = both
            asTrainer[HTTPField.Name("X-Firedrill-As")!] = "trainer"
            #expect(try await client.call(.get, "/api/v1/drills", token: nil, headers: asTrainer).status == .ok)
            let asPlayer = try await client.call(.get, "/api/v1/drills/\(id)?as=player", token: nil, headers: both)
            #expect(asPlayer.json["my_roles"] as? [String] == ["support"])
            #expect(try await client.call(.get, "/api/v1/drills?as=boss", token: nil, headers: both).status == .badRequest)
        }
    }

    @Test("two starts at once: one starts the drill, the other is told it has started; a drill that ended cannot be paused")
    func steeringConflicts() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, _) = try await client.createDrill()
            async let first = client.call(.post, "/api/v1/drills/\(id)/start")
            async let second = client.call(.post, "/api/v1/drills/\(id)/start")
            let statuses = try await [first.status.code, second.status.code].sorted()
            #expect(statuses == [200, 409])
            #expect(try harness.database.storedEvents(runID: id).filter { $0.event.typeName == "started" }.count == 1)
            // The speed can change while the drill runs: it is recorded.
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/speed", body: #"{"speed": 2}"#).json["speed"] as? Double == 2)
            #expect(try harness.database.storedEvents(runID: id).contains { $0.event.typeName == "speed-changed" })
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/pause").json["status"] as? String == "paused")
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/pause").status == .ok, "pausing a paused drill changes nothing")
            _ = try await client.call(.post, "/api/v1/drills/\(id)/end")
            let late = try await client.call(.post, "/api/v1/drills/\(id)/pause")
            #expect(late.status == .conflict && late.errorCode == "drill_ended")
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/resume").errorCode == "drill_ended")
        }
    }

    @Test func tokensAreCheckedByKindAndDrill() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (first, tokens) = try await client.createDrill()
            let (second, _) = try await client.createDrill()
            let evaluator = tokens["evaluator"] as? String
            #expect(try await client.call(.get, "/api/v1/drills/\(first)", token: nil).status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/drills/\(first)", token: "fdp_not-a-token").status == .unauthorized)
            let other = try await client.call(.get, "/api/v1/drills/\(second)", token: evaluator)
            #expect(other.status == .notFound)
            #expect(other.errorCode == "drill_not_found")
            let start = try await client.call(.post, "/api/v1/drills/\(first)/start", token: evaluator)
            #expect(start.status == .forbidden)
            #expect(start.errorCode == "forbidden")
            #expect(try await client.call(.get, "/api/v1/drills", token: evaluator).status == .forbidden)
            let list = try await client.call(.get, "/api/v1/drills")
            #expect((list.json["drills"] as? [[String: Any]])?.count == 2)
        }
    }

    @Test func anActionIsAnsweredOnlyOnceItIsRecorded() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, tokens) = try await client.createDrill()
            let support = (tokens["players"] as? [String: String])?["support"]
            let early = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "command": "ack"}"#)
            #expect(early.status == .conflict)
            #expect(early.errorCode == "drill_not_started")
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/start").json["status"] as? String == "running")
            let answer = try await client.call(
                .post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "command": "ESCALATE Firmware-Lead VIA chat: door"}"#
            )
            #expect(answer.status == .created, "\(answer.text)")
            #expect(answer.json["type"] as? String == "action")
            #expect(answer.json["kind"] as? String == "escalate")
            #expect(answer.json["target"] as? String == "firmware-lead")
            #expect(answer.json["met"] == nil, "players never see objective progress")
            let seq = try #require(answer.json["seq"] as? Int)
            let stored = try harness.database.storedEvents(runID: id)
            #expect(stored.contains { $0.event.sequence == seq && $0.event.typeName == "action" })
            // Another role than the token's is refused; so is a simulated one.
            let foreign = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "firmware-lead", "command": "ack"}"#)
            #expect(foreign.status == .forbidden)
            let persona = try await client.call(.post, "/api/v1/drills/\(id)/actions", body: #"{"role": "director", "command": "ack"}"#)
            #expect(persona.status == .unprocessableContent)
            #expect(persona.errorCode == "simulated_role")
            // Paused: 409; resumed: accepted again.
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/pause").json["status"] as? String == "paused")
            let paused = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "command": "ack"}"#)
            #expect(paused.status == .conflict)
            #expect(paused.errorCode == "drill_paused")
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/resume").json["status"] as? String == "running")
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "command": "ack"}"#).status == .created)
        }
    }

    @Test func badRequestsGetTheContractsStatuses() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, tokens) = try await client.createDrill()
            let support = (tokens["players"] as? [String: String])?["support"]
            _ = try await client.call(.post, "/api/v1/drills/\(id)/start")
            func act(_ body: String) async throws -> Answer {
                try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: body)
            }
            let badJSON = try await act(#"{"role": "support", "command": "#)
            #expect(badJSON.status == .badRequest)
            #expect(badJSON.errorCode == "bad_request")
            #expect(try await act(#"{"role": "support"}"#).errorCode == "missing_action")
            let long = try await act(#"{"role": "support", "command": "act \#(String(repeating: "x", count: 2_000))"}"#)
            #expect(long.status == .unprocessableContent)
            #expect(long.errorCode == "command_too_long")
            let unknown = try await act(#"{"role": "nobody", "command": "ack"}"#)
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.errorCode == "unknown_role")
            let gibberish = try await act(#"{"role": "support", "command": "escalate firmware-lead vai phone"}"#)
            #expect(gibberish.status == .unprocessableContent)
            #expect(gibberish.errorCode == "unparseable_command")
            let huge = try await act(#"{"role": "support", "command": "\#(String(repeating: "y", count: 1_100_000))"}"#)
            #expect(huge.status == .contentTooLarge)
            #expect(huge.errorCode == "body_too_large")
            let bigUpload = String(decoding: try JSONSerialization.data(withJSONObject: ["source": String(repeating: "#\n", count: 2_200_000)]), as: UTF8.self)
            #expect(try await client.call(.post, "/api/v1/drills", body: bigUpload).status == .contentTooLarge)
            let invalid = try await client.call(
                .post, "/api/v1/drills",
                body: String(decoding: try JSONSerialization.data(withJSONObject: ["source": "firedrill: 1\nid: x\ntitle: X\nduration: 99h\nroles: []\n"]), as: UTF8.self)
            )
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.errorCode == "invalid_scenario")
            let problems = try #require((invalid.json["error"] as? [String: Any])?["problems"] as? [String])
            #expect(problems.count >= 2)
            #expect(problems.allSatisfy { $0.hasPrefix("upload:") })
            let nowhere = try await client.call(.get, "/api/v1/nowhere")
            #expect(nowhere.status == .notFound)
            #expect(nowhere.errorCode == "not_found")
        }
    }

    @Test func revokedTokensStopWorking() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, _) = try await client.createDrill()
            let made = try await client.call(.post, "/api/v1/drills/\(id)/tokens", body: #"{"kind": "player", "roles": ["support", "firmware-lead"]}"#)
            #expect(made.status == .created)
            let secret = try #require(made.json["token"] as? String)
            let tokenID = try #require(made.json["id"] as? String)
            #expect(secret.count >= 43, "at least 256 bits in base64url")
            let me = try await client.call(.get, "/api/v1/drills/\(id)", token: secret)
            #expect(me.json["my_roles"] as? [String] == ["support", "firmware-lead"])
            #expect(try await client.call(.delete, "/api/v1/drills/\(id)/tokens/\(tokenID)").status == .ok)
            #expect(try await client.call(.get, "/api/v1/drills/\(id)", token: secret).status == .unauthorized)
            #expect(try await client.call(.delete, "/api/v1/drills/\(id)/tokens/tok-missing").status == .notFound)
        }
    }

    @Test func adlibInjectsObservationsAndTheSurveyAreRecordedAndReported() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, tokens) = try await client.createDrill()
            let players = try #require(tokens["players"] as? [String: String])
            let evaluator = tokens["evaluator"] as? String
            _ = try await client.call(.post, "/api/v1/drills/\(id)/start")
            let inject = try await client.call(
                .post, "/api/v1/drills/\(id)/injects",
                body: #"{"to": ["support"], "channel": "chat", "from": "CTO", "subject": "What is going on?", "body": "Customers are calling."}"#
            )
            #expect(inject.status == .created, "\(inject.text)")
            #expect(inject.json["adlib"] as? Bool == true)
            let badInject = try await client.call(.post, "/api/v1/drills/\(id)/injects", body: #"{"to": ["nobody"], "channel": "chat", "subject": "x"}"#)
            #expect(badInject.status == .unprocessableContent)
            _ = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: players["support"], body: #"{"role": "support", "command": "ack"}"#)
            let observation = try await client.call(
                .post, "/api/v1/drills/\(id)/observations", token: evaluator,
                body: #"{"objective": "ack", "rating": "S", "text": "Acknowledged, but only after the CTO asked."}"#
            )
            #expect(observation.status == .created, "\(observation.text)")
            let byPlayer = try await client.call(.post, "/api/v1/drills/\(id)/observations", token: players["support"], body: #"{"text": "x"}"#)
            #expect(byPlayer.status == .forbidden)
            let early = try await client.call(.post, "/api/v1/drills/\(id)/survey", token: players["support"], body: #"{"answers": [{"question": 0, "score": 4}]}"#)
            #expect(early.status == .conflict)
            #expect(try await client.call(.get, "/api/v1/drills/\(id)/report", token: evaluator).status == .conflict)
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/end").json["status"] as? String == "finished")
            let survey = try await client.call(
                .post, "/api/v1/drills/\(id)/survey", token: players["support"],
                body: #"{"answers": [{"question": 0, "score": 4, "comment": "felt real"}, {"question": 1, "text": "a runbook for the app team"}]}"#
            )
            #expect(survey.status == .created, "\(survey.text)")
            let answered = try await client.call(.get, "/api/v1/drills/\(id)", token: players["support"])
            #expect((answered.json["me"] as? [String: Any])?["survey_answered"] as? [Int] == [0, 1])
            let other = try await client.call(.get, "/api/v1/drills/\(id)", token: players["firmware-lead"])
            #expect((other.json["me"] as? [String: Any])?["survey_answered"] as? [Int] == [])
            let lastSeq = try harness.database.storedEvents(runID: id).last?.event.sequence
            #expect(answered.json["last_seq"] as? Int == lastSeq)
            let badScore = try await client.call(.post, "/api/v1/drills/\(id)/survey", token: players["firmware-lead"], body: #"{"answers": [{"question": 0, "score": 9}]}"#)
            #expect(badScore.status == .unprocessableContent)

            let report = try await client.call(.get, "/api/v1/drills/\(id)/report?format=json", token: tokens["observer"] as? String)
            #expect(report.status == .ok)
            let stored = try StoredReport(harness.database, runID: id)
            #expect(report.text == (try JSONReportRenderer.render(stored.report)))
            #expect(report.text.contains("Acknowledged, but only after the CTO asked."))
            #expect(report.text.contains("What is going on?"))
            #expect(report.text.contains("a runbook for the app team"))
            let markdown = try await client.call(.get, "/api/v1/drills/\(id)/report?format=md")
            #expect(markdown.text == MarkdownReportRenderer.render(stored.report))
            let html = try await client.call(.get, "/api/v1/drills/\(id)/report?format=html")
            #expect(html.status == .ok)
            #expect(html.text == HTMLReportRenderer.render(stored.report, context: ReportContext(for: stored.report)))
            #expect(html.text.hasPrefix("<!DOCTYPE html>") && html.text.contains("Acknowledged, but only after the CTO asked."))
            // Its own inline styles may apply in a browser; scripts never run and nothing is fetched.
            let policy = try #require(html.headers[.contentSecurityPolicy])
            #expect(policy.contains("style-src 'unsafe-inline'") && policy.contains("default-src 'none'") && !policy.contains("script-src"))
            #expect(markdown.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
        }
    }
}
