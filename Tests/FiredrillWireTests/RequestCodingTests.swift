import FiredrillCore
import FiredrillWire
import Foundation
import Testing

/// The requests clients send decode as the server reads them, whichever form they take.
@Suite("Requests on the wire")
struct RequestCodingTests {
    @Test("an action is a typed command or structure; a whole number is refused when it has a fraction")
    func actionsAndNumbers() throws {
        let typed = try JSONDecoder().decode(ActionRequest.self, from: Data(#"{"role": "ops", "command": "ack seen"}"#.utf8))
        #expect(typed.command == "ack seen" && typed.kind == nil)
        let structured = try JSONDecoder().decode(ActionRequest.self, from: Data(#"{"role": "ops", "kind": "escalate", "target": "boss", "channel": "phone", "text": "line one\nline two", "in_reply_to": "alert"}"#.utf8))
        #expect(structured.kind == .escalate && structured.target == "boss" && structured.inReplyTo == "alert" && structured.text == "line one\nline two")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ActionRequest.self, from: Data(#"{"role": "ops", "kind": "shout"}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AdjudicationRequest.self, from: Data(#"{"action": 1.5, "objective": "o", "decision": "credit"}"#.utf8)) }
        let decision = try JSONDecoder().decode(AdjudicationRequest.self, from: Data(#"{"action": 7, "objective": "o", "decision": "credit"}"#.utf8))
        #expect(decision.action.value == 7)
    }

    @Test("the drill document reads back with its limits, which come from the core's own bounds")
    func drillDocument() throws {
        let document = DrillDocument(
            id: "r-1", scenarioID: "s", title: "T", status: .running, drillSeconds: 12, durationSeconds: 600, speed: 2,
            briefing: nil, summary: nil, language: "ja", channels: ["chat"], roles: [RoleDocument(id: "ops", name: "運用", department: nil, simulated: false)],
            myRoles: ["ops"], me: CallerDocument(kind: "player", roles: ["ops"], tokenID: "tok-1", label: "p-1", name: nil, surveyAnswered: [0]),
            survey: [SurveyQuestionDocument(question: "Q", kind: .scale)], createdAt: "2026-12-07T00:00:00.000Z", mode: .live,
            lastSeq: nil, nextInjectSeconds: 60
        )
        let data = try JSONEncoder().encode(document)
        let back = try JSONDecoder().decode(DrillDocument.self, from: data)
        #expect(back == document)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["last_seq"] is NSNull, "absent values are written as null")
        let limits = try #require(object["limits"] as? [String: Any])
        #expect(limits["action_text"] as? Int == PlayerAction.maximumTextLength)
        #expect(limits["speed_min"] as? Double == DrillSpeed.range.lowerBound && limits["speed_max"] as? Double == DrillSpeed.range.upperBound)
        #expect(limits["name"] as? Int == Participant.maximumNameLength)
    }
}
