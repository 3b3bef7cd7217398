import FiredrillCore
import FiredrillWire
import Foundation
import Testing

/// One shape per event: what the server writes, a client reads back as the same value, with
/// exactly the keys of its type (staff and progress fields only where the audience has them).
@Suite("Event views on the wire")
struct EventViewCodingTests {
    static let scenario = Scenario(
        id: "wire", title: "Wire", duration: .seconds(3600),
        roles: [Role(id: "ops", name: "Ops"), Role(id: "boss", name: "Boss", persona: Persona(reply: "OK"))],
        injects: [Inject(id: "alert", to: .roles(["ops"]), channel: "chat", subject: "Alert", body: "Body", from: "Monitor", trigger: .at(.seconds(60)), expect: "EXPECT", notes: "NOTES")],
        objectives: [Objective(id: "ack", kind: .acknowledge, target: .seconds(60))]
    )

    static let events: [DrillEvent.Kind] = [
        .started, .injectDelivered(inject: "alert"), .injectSkipped(inject: "alert"),
        .adlibInject(AdlibInject(id: "adlib-1", to: .all, channel: "email", from: "CTO", subject: "Status?", body: nil)),
        .action(PlayerAction(role: "ops", kind: .escalate, text: "電話しました：至急", target: "boss", channel: "phone", inReplyTo: "alert")),
        .action(PlayerAction(role: "ops", kind: .acknowledge)),
        .personaReply(persona: "boss", to: "ops", text: "OK"),
        .observation(Observation(objective: "ack", rating: .someChallenges, text: "Quick", by: "evaluator-1")),
        .adjudication(Adjudication(action: 4, objective: "ack", decision: .credit, note: "Counts", by: "evaluator-1")),
        .speedChanged(2.5), .clockAdvanced(from: .seconds(30)), .paused, .interrupted, .resumed,
        .ended(.endedByTrainer), .surveyAnswer(SurveyAnswer(participant: "p-1", question: 0, score: 4, comment: "Good")),
    ]

    static func json(_ value: some Encodable) throws -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try #require(try JSONSerialization.jsonObject(with: try encoder.encode(value)) as? [String: Any])
    }

    @Test("every event type, seen by every audience, reads back as the same view", arguments: [Audience.trainer, .evaluator, .observer, .player(roles: ["ops"])])
    func roundTrip(audience: Audience) throws {
        for (sequence, kind) in Self.events.enumerated() {
            let event = DrillEvent(sequence: sequence, time: .seconds(Int64(sequence)), kind: kind)
            let met = [DrillFeed.Met(objective: "ack", elapsedSeconds: 1.5, credit: 1)]
            guard let view = Visibility.view(of: event, met: met, wallTime: "2026-12-07T10:00:00.000Z", for: audience, scenario: Self.scenario) else { continue }
            let data = try JSONEncoder().encode(view)
            let back = try JSONDecoder().decode(EventView.self, from: data)
            #expect(back == view, "\(event.typeName) for \(audience)")
        }
    }

    @Test("each type writes exactly its own keys; staff notes and met only for the audiences that see them")
    func keysPerType() throws {
        func keys(_ kind: DrillEvent.Kind, _ audience: Audience) throws -> Set<String> {
            let event = DrillEvent(sequence: 3, time: .seconds(90), kind: kind)
            let view = try #require(Visibility.view(of: event, met: [], wallTime: "w", for: audience, scenario: Self.scenario))
            return Set(try Self.json(view).keys)
        }
        let common: Set<String> = ["seq", "type", "at_seconds", "wall_time"]
        #expect(try keys(.injectDelivered(inject: "alert"), .player(roles: ["ops"])) == common.union(["inject", "to", "channel", "from", "subject", "body", "adlib"]))
        #expect(try keys(.injectDelivered(inject: "alert"), .evaluator) == common.union(["inject", "to", "channel", "from", "subject", "body", "adlib", "expect", "notes"]))
        #expect(try keys(.action(PlayerAction(role: "ops", kind: .acknowledge)), .player(roles: ["ops"])) == common.union(["role", "kind", "target", "channel", "text", "in_reply_to"]))
        #expect(try keys(.action(PlayerAction(role: "ops", kind: .acknowledge)), .observer) == common.union(["role", "kind", "target", "channel", "text", "in_reply_to", "met"]))
        #expect(try keys(.personaReply(persona: "boss", to: "ops", text: "OK"), .player(roles: ["ops"])) == common.union(["role", "to", "text"]))
        #expect(try keys(.adjudication(Adjudication(action: 1, objective: "ack", decision: .reject)), .evaluator) == common.union(["action", "objective", "decision", "note", "by"]))
        #expect(try keys(.speedChanged(2), .player(roles: ["ops"])) == common.union(["speed"]))
        #expect(try keys(.clockAdvanced(from: .zero), .player(roles: ["ops"])) == common.union(["from_seconds"]))
        #expect(try keys(.ended(.completed), .observer) == common.union(["reason"]))
        // A persona reply's `to` is the role it answers; an inject's is its list of roles or "all".
        let reply = try Self.json(try #require(Visibility.view(of: DrillEvent(sequence: 1, time: .zero, kind: .personaReply(persona: "boss", to: "ops", text: "OK")), met: [], wallTime: nil, for: .trainer, scenario: Self.scenario)))
        #expect(reply["to"] as? String == "ops")
        let adlib = try Self.json(try #require(Visibility.view(of: DrillEvent(sequence: 1, time: .zero, kind: .adlibInject(AdlibInject(id: "adlib-1", to: .all, channel: "chat", subject: "s"))), met: [], wallTime: nil, for: .trainer, scenario: Self.scenario)))
        #expect(adlib["to"] as? String == "all" && adlib["adlib"] as? Bool == true)
    }
}
