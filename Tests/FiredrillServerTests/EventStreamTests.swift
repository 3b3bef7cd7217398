import AsyncHTTPClient
import FiredrillCore
@testable import FiredrillServer
import FiredrillStore
import FiredrillSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOHTTP1
import Testing

@Suite("Event streams: who sees what, catch-up, reconnects")
struct EventStreamTests {
    @Test func eachPlayerSeesOnlyWhatReachesTheirRolesAndStaffSeeProgress() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.live) { client in
            let port = try #require(client.port)
            let (id, tokens) = try await client.createDrill()
            let players = try #require(tokens["players"] as? [String: String])
            _ = try await client.call(.post, "/api/v1/drills/\(id)/start")
            _ = try await client.call(
                .post, "/api/v1/drills/\(id)/injects", body: #"{"to": ["support"], "channel": "email", "from": "A customer", "subject": "Door stuck"}"#
            )
            _ = try await client.call(
                .post, "/api/v1/drills/\(id)/actions", token: players["support"], body: #"{"role": "support", "command": "ack"}"#
            )
            _ = try await client.call(
                .post, "/api/v1/drills/\(id)/actions", token: players["support"],
                body: #"{"role": "support", "command": "escalate firmware lead via chat unlock fails since 4.2"}"#
            )
            _ = try await client.call(
                .post, "/api/v1/drills/\(id)/actions", token: players["support"], body: #"{"role": "support", "command": "escalate director via phone"}"#
            )
            _ = try await client.call(.post, "/api/v1/drills/\(id)/end")

            let support = EventStreamReader()
            let supportResponse = try await support.open(port: port, drill: id, token: players["support"]!)
            #expect(supportResponse.status == .ok)
            #expect(supportResponse.headers["Content-Type"].first?.hasPrefix("text/event-stream") == true)
            let seenBySupport = try await support.messages(through: "ended")
            #expect(seenBySupport.map(\.type) == ["started", "inject-delivered", "action", "action", "action", "persona-reply", "ended"])
            #expect(seenBySupport.allSatisfy { $0.data["met"] == nil && $0.data["expect"] == nil })
            #expect(seenBySupport.map(\.id) == seenBySupport.map(\.id).sorted())
            try await support.close()

            let firmware = EventStreamReader()
            _ = try await firmware.open(port: port, drill: id, token: players["firmware-lead"]!)
            let seenByFirmware = try await firmware.messages(through: "ended")
            // The escalation addressed to the firmware lead reaches them; support's own
            // acknowledgement, the e-mail to support and the director's reply do not.
            #expect(seenByFirmware.map(\.type) == ["started", "action", "ended"])
            #expect(seenByFirmware[1].data["target"] == "firmware-lead")
            #expect(seenByFirmware[1].data["text"] == "unlock fails since 4.2")
            try await firmware.close()

            let observer = EventStreamReader()
            _ = try await observer.open(port: port, drill: id, token: tokens["observer"] as! String)
            let seenByObserver = try await observer.messages(through: "ended")
            let escalation = try #require(seenByObserver.first { $0.data["target"] == "firmware-lead" })
            #expect(escalation.raw.contains(#""met":[{"#) && escalation.raw.contains(#""objective":"esc""#))
            #expect(!seenByObserver.contains { $0.raw.contains("TRAINER-ONLY") })
            try await observer.close()
        }
    }

    @Test func aReconnectWithLastEventIDResumesAfterItAndLiveEventsFollow() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.live) { client in
            let port = try #require(client.port)
            let (id, tokens) = try await client.createDrill()
            let support = try #require((tokens["players"] as? [String: String])?["support"])
            _ = try await client.call(.post, "/api/v1/drills/\(id)/start")
            _ = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "command": "ack first"}"#)

            let first = EventStreamReader()
            _ = try await first.open(port: port, drill: id, token: support)
            let before = try await first.messages(through: "action")
            #expect(before.map(\.type) == ["started", "action"])
            // Live: an action recorded while the stream is open arrives on it.
            _ = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "command": "say second"}"#)
            let live = try #require(try await first.next())
            #expect(live.data["text"] == "second")
            try await first.close()

            // Missed while away: the third action; a reconnect after the second gets exactly it.
            _ = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "command": "say third"}"#)
            let again = EventStreamReader()
            _ = try await again.open(port: port, drill: id, token: support, lastEventID: live.id)
            let resumed = try #require(try await again.next())
            #expect(resumed.data["text"] == "third")
            #expect(resumed.id > live.id)
            #expect(again.comments.contains { $0.hasPrefix("retry:") })
            try await again.close()

            let bad = try await client.call(.get, "/api/v1/drills/\(id)/events", token: support, headers: [HTTPField.Name("Last-Event-ID")!: "soon"])
            #expect(bad.status == .badRequest)
        }
    }

    @Test("?last_event_id= resumes like the header; idle streams get heartbeats; a revoked token's open stream ends")
    func queryResumeHeartbeatsAndRevocation() async throws {
        let harness = try ServerHarness()
        try await harness.application(heartbeat: .milliseconds(100)).test(.live) { client in
            let port = try #require(client.port)
            let (id, tokens) = try await client.createDrill()
            let support = try #require((tokens["players"] as? [String: String])?["support"])
            _ = try await client.call(.post, "/api/v1/drills/\(id)/start")
            _ = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "command": "say one"}"#)
            _ = try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "command": "say two"}"#)
            let stored = try harness.database.storedEvents(runID: id).map(\.event)
            let one = try #require(stored.first { if case .action(let action) = $0.kind { action.text == "one" } else { false } })

            let reader = EventStreamReader()
            _ = try await reader.open(port: port, drill: id, token: support, query: "&last_event_id=\(one.sequence)")
            #expect(try await reader.next()?.data["text"] == "two")
            // Nothing happens in the drill: a heartbeat comment keeps the stream alive.
            #expect(try await reader.waitForComment(": heartbeat"))
            let listed = try await client.call(.get, "/api/v1/drills/\(id)/tokens")
            let tokenID = try #require((listed.json["tokens"] as? [[String: Any]])?.first { ($0["roles"] as? [String]) == ["support"] }?["id"] as? String)
            #expect(try await client.call(.delete, "/api/v1/drills/\(id)/tokens/\(tokenID)").status == .ok)
            // The open stream ends (its connection is closed), and the token no longer opens anything.
            let after = try? await reader.next()
            #expect(after == nil)
            try await reader.close()
            #expect(try await client.call(.get, "/api/v1/drills/\(id)", token: support).status == .unauthorized)
        }
    }

    @Test("a subscriber that does not read is dropped when its buffer is full; the others get everything")
    func slowSubscribersAreDropped() async throws {
        let scenario = Scenario(
            id: "hub", title: "Hub", duration: .seconds(3600), roles: [Role(id: "ops", name: "Ops")],
            injects: [Inject(id: "i", to: .all, channel: "chat", subject: "s", trigger: .at(.seconds(60)))],
            objectives: [Objective(id: "o", kind: .acknowledge, target: .seconds(60))]
        )
        let hub = EventHub(scenario: scenario, stored: [], bufferLimit: 3, metrics: ServerMetrics())
        func publish(_ sequence: Int) {
            let event = DrillEvent(sequence: sequence, time: .seconds(Int64(sequence)), kind: sequence == 0 ? .started : .paused)
            hub.publish([event], wallTimes: ["2026-12-01T00:00:00.000Z"])
        }
        let slow = hub.subscribe(audience: .trainer, after: nil)
        let reader = hub.subscribe(audience: .observer, after: nil)
        var iterator = reader.stream.makeAsyncIterator()
        for sequence in 0..<3 { publish(sequence) }
        for sequence in 0..<3 { #expect(await iterator.next().map { String(buffer: $0) }?.hasPrefix("id: \(sequence)\n") == true) }
        publish(3) // the slow subscriber's buffer is full: it is dropped, the reader is not
        #expect(await iterator.next().map { String(buffer: $0) }?.hasPrefix("id: 3\n") == true)
        #expect(hub.subscriberCount == 1)
        var buffered: [String] = []
        for await message in slow.stream { buffered.append(String(buffer: message)) }
        #expect(buffered.count == 3, "the slow one keeps what it had and reconnects for the rest")
    }
}
