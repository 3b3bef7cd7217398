import AsyncHTTPClient
import FiredrillCore
import FiredrillRecords
import FiredrillStore
@testable import FiredrillSQLite
import FiredrillTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

extension ServerProcessTests {
    /// A drill that delivers an inject every 10 drill-seconds to one role or the other or
    /// all (at speed 60, six a second), so a kill often lands while one is being delivered.
    static let busyScenario: String = {
        var lines = [
            "firedrill: 1", "id: busy", "title: Busy drill", "duration: 2h",
            "roles:", "  - id: support", "    name: Support desk", "  - id: firmware-lead", "    name: Firmware lead",
            "injects:",
        ]
        for index in 1...600 {
            let to = ["[support]", "[firmware-lead]", "all"][index % 3]
            lines += ["  - id: i\(index)", "    to: \(to)", "    channel: chat", "    subject: Inject \(index)", "    at: \(index * 10)s"]
        }
        lines += ["objectives:", "  - id: ack", "    kind: acknowledge", "    target: 5m"]
        return lines.joined(separator: "\n")
    }()

    @Test("killed with SIGKILL at random moments, also while injects go out and inputs are in flight: nothing acknowledged is lost, and each player's streams hold exactly what the record lets them see, injects included")
    func killAtRandomMoments() async throws {
        var generator = SystemRandomNumberGenerator()
        let seed = UInt64.random(in: 1...UInt64.max, using: &generator)
        var random = SplitMix(seed: seed)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-random-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let db = directory.appendingPathComponent("fd.sqlite").path
        let http = HTTPClient(eventLoopGroupProvider: .singleton)

        var server = try ServerProcess(database: db)
        var api = API(http: http, base: try server.waitForAddress())
        let created = try await api.call(.POST, "/api/v1/drills", body: ["source": Self.busyScenario, "speed": 60])
        let id = try #require(created["id"] as? String)
        let players = try #require((created["tokens"] as? [String: Any])?["players"] as? [String: String])
        let roles = ["support", "firmware-lead"]
        var streams: [String: PlayerStream] = [:]
        for role in roles { streams[role] = try await PlayerStream.open(http: http, base: api.base, drill: id, token: players[role]!, after: nil) }
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/start")

        var acknowledged: [Int] = []
        let rounds = 6
        for round in 0..<rounds {
            // Inputs keep coming from every side while the server runs: actions by both
            // players, ad-lib injects from the trainer.
            let current = api
            let inputs = Task { () -> [Int] in
                await withTaskGroup(of: [Int].self) { group in
                    for role in roles {
                        group.addTask {
                            var seqs: [Int] = []
                            for index in 0..<10_000 {
                                guard let answer = try? await current.call(.POST, "/api/v1/drills/\(id)/actions", token: players[role], body: ["role": role, "command": "say round \(round) \(index)"]),
                                      let seq = answer["seq"] as? Int else { break }
                                seqs.append(seq)
                            }
                            return seqs
                        }
                    }
                    group.addTask {
                        var seqs: [Int] = []
                        for index in 0..<10_000 {
                            guard let answer = try? await current.call(.POST, "/api/v1/drills/\(id)/injects", body: ["to": "all", "channel": "email", "subject": "Ad-lib \(round) \(index)"]),
                                  let seq = answer["seq"] as? Int else { break }
                            seqs.append(seq)
                        }
                        return seqs
                    }
                    var all: [Int] = []
                    for await seqs in group { all += seqs }
                    return all
                }
            }
            // A random moment: after a random number of messages on a random player's stream
            // (scheduled injects, ad-libs and actions arrive all the time), so the kill falls
            // anywhere between deliveries, commits and answers.
            let watched = streams[roles[Int(random.next() % 2)]]!
            let target = watched.received.count + 1 + Int(random.next() % 40)
            try await watched.waitFor { _ in watched.received.count >= target }
            server.kill()
            acknowledged += await inputs.value
            for role in roles { try await streams[role]!.drain() }

            server = try ServerProcess(database: db)
            api = API(http: http, base: try server.waitForAddress())
            #expect(try await api.call(.GET, "/api/v1/drills/\(id)")["status"] as? String == "interrupted", "round \(round), seed \(seed)")
            for role in roles { streams[role] = try await streams[role]!.reopen(http: http, base: api.base) }
            _ = try await api.call(.POST, "/api/v1/drills/\(id)/resume")
        }
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/end")
        for role in roles { try await streams[role]!.waitFor { $0.type == "ended" } }

        let database = try AppDatabase.open(path: db, access: .readOnly)
        let stored = try database.storedEvents(runID: id).map(\.event)
        let storedSeqs = Set(stored.map(\.sequence))
        #expect(acknowledged.count > rounds, "inputs were answered before the kills (seed \(seed))")
        #expect(acknowledged.allSatisfy(storedSeqs.contains), "acknowledged but missing (seed \(seed)): \(acknowledged.filter { !storedSeqs.contains($0) })")
        #expect(Set(acknowledged).count == acknowledged.count, "an acknowledgement was given twice")
        guard case .intact = try database.verify(runID: id) else {
            Issue.record("the record should verify (seed \(seed))")
            return
        }
        let report = try StoredReport(database, runID: id).report
        #expect(report.drill.interruptions == rounds)
        // Each player's streams together are exactly what that player may see of the record,
        // in order, once each: every delivered inject addressed to them, and nothing else.
        let scenario = try StoredReport(database, runID: id).scenario
        for role in roles {
            let expected = stored.filter { Visibility.canSee($0, audience: .player(roles: [role]), scenario: scenario) }
            let received = streams[role]!.received
            #expect(received.map(\.id) == expected.map(\.sequence), "\(role), seed \(seed)")
            let shownInjects = received.filter { $0.type == "inject-delivered" }.compactMap { $0.data["subject"] as? String }
            let deliveredInjects = expected.compactMap { event -> String? in
                switch event.kind {
                case .injectDelivered(let inject): scenario.inject(inject)?.subject
                case .adlibInject(let adlib): adlib.subject
                default: nil
                }
            }
            #expect(shownInjects == deliveredInjects, "\(role): the injects shown differ from those delivered (seed \(seed))")
            #expect(deliveredInjects.count > rounds * 2, "\(role): injects were delivered between the kills")
        }
        server.terminate()
        for role in roles { try await streams[role]!.close() }
        try await http.shutdown()
    }
}

/// A small seeded generator, so a failing run names the seed that reproduces its moments.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
