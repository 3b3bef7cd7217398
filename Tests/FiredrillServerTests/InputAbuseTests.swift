import FiredrillCore
import FiredrillStore
import FiredrillSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Inputs an attacker or a careless client sends: duplicates, invisible characters, numbers
/// of the wrong kind. Each is refused or put in one form, with a message naming the field.
@Suite("Abusive inputs")
struct InputAbuseTests {
    @Test("10,000 copies of a role in a token's roles or an ad-lib's 'to' are stored once")
    func duplicateRolesAreStoredOnce() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, _) = try await client.createDrill()
            let roles = String(repeating: #""support","#, count: 10_000) + #""Firmware-Lead""#
            let made = try await client.call(.post, "/api/v1/drills/\(id)/tokens", body: #"{"kind": "player", "roles": [\#(roles)]}"#)
            #expect(made.status == .created, "\(made.text)")
            let answered = made.json["roles"] as? [String]
            #expect(answered == ["support", "firmware-lead"])
            let tokenID = try #require(made.json["id"] as? String)
            let stored: [String]? = try harness.database.tokens(runID: id).first { $0.id == tokenID }?.roles
            #expect(stored == ["support", "firmware-lead"])

            _ = try await client.call(.post, "/api/v1/drills/\(id)/start")
            let to = String(repeating: #""support","#, count: 10_000) + #""support""#
            let inject = try await client.call(.post, "/api/v1/drills/\(id)/injects", body: #"{"to": [\#(to)], "channel": "chat", "subject": "Once"}"#)
            #expect(inject.status == .created, "\(inject.text)")
            let delivered = inject.json["to"] as? [String]
            #expect(delivered == ["support"])
            let last: DrillEvent? = try harness.database.storedEvents(runID: id).last?.event
            guard case .adlibInject(let adlib)? = last?.kind else {
                Issue.record("no ad-lib stored: \(String(describing: last))")
                return
            }
            #expect(adlib.to == .roles(["support"]))
        }
    }

    @Test("a name with an invisible character is refused, so two participants cannot look the same", arguments: [
        "E\u{200B}ve", "\u{202E}evE", "Eve\u{2060}", "\u{FEFF}Eve", "Ev\u{200D}e",
    ])
    func invisibleCharactersInNames(name: String) async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, tokens) = try await client.createDrill()
            let support = try #require((tokens["players"] as? [String: String])?["support"])
            let body = String(decoding: try JSONSerialization.data(withJSONObject: ["name": name]), as: UTF8.self)
            let answer = try await client.call(.post, "/api/v1/drills/\(id)/me", token: support, body: body)
            #expect(answer.status == .unprocessableContent, "\(answer.text)")
            #expect(answer.errorCode == "invalid_name")
            let token = String(decoding: try JSONSerialization.data(withJSONObject: ["kind": "observer", "name": name]), as: UTF8.self)
            #expect(try await client.call(.post, "/api/v1/drills/\(id)/tokens", body: token).errorCode == "invalid_name")
            // The same name without the invisible character is fine, in one form.
            let plain = try await client.call(.post, "/api/v1/drills/\(id)/me", token: support, body: #"{"name": "  Eve  "}"#)
            #expect(plain.status == .ok && (plain.json["me"] as? [String: Any])?["name"] as? String == "Eve", "\(plain.text)")
        }
    }

    @Test("survey answers: a fractional question or score is named as not whole, a negative question as not a question")
    func surveyNumbers() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, tokens) = try await client.createDrill()
            let support = try #require((tokens["players"] as? [String: String])?["support"])
            _ = try await client.call(.post, "/api/v1/drills/\(id)/start")
            _ = try await client.call(.post, "/api/v1/drills/\(id)/end")
            func answer(_ body: String) async throws -> Answer {
                try await client.call(.post, "/api/v1/drills/\(id)/survey", token: support, body: body)
            }
            let half = try await answer(#"{"answers": [{"question": 0.5, "score": 3}]}"#)
            #expect(half.status == .badRequest)
            let halfMessage = try #require((half.json["error"] as? [String: Any])?["message"] as? String)
            #expect(halfMessage.contains("'answers.[0].question'") || halfMessage.contains("answers[0].question") || halfMessage.contains("'answers.0.question'"), "\(halfMessage)")
            #expect(halfMessage.contains("whole number") && !halfMessage.contains("not valid JSON"), "\(halfMessage)")
            let score = try await answer(#"{"answers": [{"question": 0, "score": 4.5}]}"#)
            #expect(score.status == .badRequest && score.text.contains("whole number"), "\(score.text)")
            let negative = try await answer(#"{"answers": [{"question": -1, "score": 3}]}"#)
            #expect(negative.status == .unprocessableContent)
            #expect(negative.text.contains("no survey question -1") && negative.text.contains("0 to 1"), "\(negative.text)")
        }
    }
}
