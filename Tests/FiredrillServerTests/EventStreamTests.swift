import AsyncHTTPClient
import FiredrillCore
import FiredrillServer
import FiredrillStore
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
}
