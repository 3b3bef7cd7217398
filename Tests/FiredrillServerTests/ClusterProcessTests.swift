import AsyncHTTPClient
import FiredrillCore
import FiredrillPostgres
import FiredrillRecords
import FiredrillStore
import FiredrillTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

/// Several `firedrill serve` processes on one real PostgreSQL database: the server running a
/// drill is killed (SIGKILL) or frozen (SIGSTOP) while players act through every server.
@Suite("Several servers on one PostgreSQL database", .serialized, .timeLimit(.minutes(5)))
struct ClusterProcessTests {
    /// Ticks to everyone every 20 s of drill time (2 s at speed 10).
    static let scenario = """
    firedrill: 1
    id: cluster-ticks
    title: Certificate expires at 3 a.m.
    duration: 60m
    roles:
      - id: support
        name: Support desk
      - id: firmware-lead
        name: Firmware lead
      - id: app-lead
        name: App lead
    injects:
    \((1...60).map { "  - {id: tick-\($0), to: all, channel: chat, subject: Tick \($0), at: \($0 * 20)s}" }.joined(separator: "\n"))
    objectives:
      - id: fix
        kind: action
        match: [rollback]
        target: 30m
    """

    static let roles = ["support", "firmware-lead", "app-lead"]
    static let leaseSeconds = 2

    /// Three servers on a fresh database, each with its log in a file.
    func startServers(_ count: Int, database name: String) throws -> (db: String, servers: [ServerProcess], bases: [String], logs: [URL]) {
        let cluster = try PostgresCluster.shared()
        let db = cluster.url(try cluster.database(name))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-cluster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var servers: [ServerProcess] = []
        var logs: [URL] = []
        for index in 1...count {
            let log = folder.appendingPathComponent("node\(index).log")
            servers.append(try ServerProcess(
                database: db, arguments: ["--lease-seconds", "\(Self.leaseSeconds)", "--node-name", "node\(index)"], log: log, logLevel: "info"
            ))
            logs.append(log)
        }
        return (db, servers, try servers.map { try $0.waitForAddress() }, logs)
    }

    @Test("the server running a drill is killed while players act through three servers: another takes it over and resumes it, nothing acknowledged is lost or doubled, injects happen once, streams go on without gap or repeat, the chain verifies")
    func killTheOwner() async throws {
        let (db, servers, bases, _) = try startServers(3, database: "cluster_kill_owner")
        defer { for server in servers.dropFirst() { server.terminate() } }
        let http = HTTPClient(eventLoopGroupProvider: .singleton)

        // Made on node 1, which runs it.
        let created = try await API(http: http, base: bases[0]).call(.POST, "/api/v1/drills", body: ["source": Self.scenario, "speed": 10])
        let id = try #require(created["id"] as? String)
        let players = try #require((created["tokens"] as? [String: Any])?["players"] as? [String: String])

        // Streams on every server: the trainer's on node 2, players' on nodes 3 and 1.
        let trainer = try await PlayerStream.open(http: http, base: bases[1], drill: id, token: ServerProcess.trainer, after: nil)
        let support = try await PlayerStream.open(http: http, base: bases[2], drill: id, token: players["support"]!, after: nil)
        let firmware = try await PlayerStream.open(http: http, base: bases[0], drill: id, token: players["firmware-lead"]!, after: nil)
        // Started through node 2: passed on to node 1, answered after node 1 recorded it.
        _ = try await API(http: http, base: bases[1]).call(.POST, "/api/v1/drills/\(id)/start")
        try await trainer.waitFor { $0.type == "started" }

        let ledger = ActionLedger()
        let dead = Flag(), stop = Flag()
        let actors = Self.roles.enumerated().map { offset, role in
            Task {
                var index = 0
                while !stop.isSet {
                    index += 1
                    let node = (index + offset) % 3
                    if node == 0, dead.isSet { continue }
                    let text = "\(role) \(index)"
                    await ledger.send(http: http, base: bases[node], drill: id, token: players[role]!, role: role, text: text)
                    try? await Task.sleep(for: .milliseconds(30))
                }
            }
        }

        // A few injects from node 1, then it dies in the middle of the players' actions.
        try await trainer.waitFor { $0.data["inject"] as? String == "tick-2" }
        let beforeKill = try #require(trainer.received.last?.id)
        servers[0].kill()
        let killed = Date()
        dead.set()

        // Another server takes the drill over when the lease expires: the interruption, then the
        // drill goes on by itself.
        try await trainer.waitFor { $0.type == "resumed" && $0.id > beforeKill }
        let resumedAt = try #require(trainer.received.last { $0.type == "resumed" }?.id)
        // Scheduled work goes on on the new server.
        try await trainer.waitFor { $0.type == "inject-delivered" && $0.id > resumedAt }

        // The firmware lead's stream was on the dead server: it reconnects elsewhere after its last event.
        try await firmware.drain()
        _ = try await firmware.reopen(http: http, base: bases[1])
        // Enough actions answered on both sides of the takeover to tell, however slow the machine.
        let enough = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < enough {
            let answered = await ledger.outcome.acknowledged
            if answered.count > 30, answered.filter({ $0.1 > resumedAt }).count >= 10 { break }
            try? await Task.sleep(for: .milliseconds(100))
        }
        stop.set()
        for actor in actors { await actor.value }

        // Ended through node 3.
        _ = try await API(http: http, base: bases[2]).call(.POST, "/api/v1/drills/\(id)/end")
        for stream in [trainer, support, firmware] { try await stream.waitFor { $0.type == "ended" } }

        // Which server runs it now says so in its figures.
        let figures = try await [API(http: http, base: bases[1]).text("/metrics"), API(http: http, base: bases[2]).text("/metrics")]
        #expect(figures.filter { $0.contains("firedrill_drill_owned{run=\"\(id)\"} 1") }.count == 1, "\(figures)")

        // The record: every acknowledged action once, at its number; nothing refused recorded;
        // nothing doubled; each inject once; the chain intact.
        let database = try PostgresStore.open(try PostgresAddress(url: db), access: .readOnly)
        defer { try? database.close() }
        let record = try database.storedEvents(runID: id)
        let stored = record.map(\.event)
        // The successor's first event (the interruption), as it recorded it (by its wall clock, not this test's,
        // whose tasks wait for the machine with every other test): within the lease and 10 s.
        let successor = try #require(record.first { $0.event.sequence > beforeKill && $0.event.typeName == "interrupted" })
        let takeover = try #require(Timestamp.date(from: successor.wallTime)).timeIntervalSince(killed)
        #expect(takeover < Double(Self.leaseSeconds + 10), "taken over \(takeover) s after the kill")
        var actionTexts: [String: [Int]] = [:]
        var injects: [String: Int] = [:]
        for event in stored {
            switch event.kind {
            case .action(let action): actionTexts[action.text, default: []].append(event.sequence)
            case .injectDelivered(let inject): injects[inject, default: 0] += 1
            default: break
            }
        }
        let outcome = await ledger.outcome
        #expect(outcome.acknowledged.count > 30, "too few actions answered to tell: \(outcome.acknowledged.count)")
        for (text, seq) in outcome.acknowledged {
            #expect(actionTexts[text] == [seq], "acknowledged '\(text)' as \(seq), recorded as \(actionTexts[text] ?? [])")
        }
        for text in outcome.refused { #expect(actionTexts[text] == nil, "refused '\(text)' but recorded") }
        #expect(actionTexts.values.allSatisfy { $0.count == 1 }, "doubled: \(actionTexts.filter { $0.value.count > 1 })")
        #expect(injects.values.allSatisfy { $0 == 1 }, "injects more than once: \(injects.filter { $0.value > 1 })")
        #expect(injects.count >= 3)
        let verification = try database.verify(runID: id)
        if case .intact = verification {} else { Issue.record("the chain must verify: \(verification)") }
        #expect(try StoredReport(database, runID: id).report.drill.interruptions == 1)

        // Each stream is what its audience may see of the record, in order, without gap or repeat.
        let scenario = try StoredReport(database, runID: id).scenario
        #expect(trainer.received.map(\.id) == stored.map(\.sequence))
        for (stream, role) in [(support, "support"), (firmware, "firmware-lead")] {
            let expected = stored.filter { Visibility.canSee($0, audience: .player(roles: [role]), scenario: scenario) }.map(\.sequence)
            #expect(stream.received.map(\.id) == expected, "\(role)")
        }
        try await http.shutdown()
    }

    @Test("the server running a drill is frozen (SIGSTOP) until another has taken it over; woken up, it records nothing and passes requests on to the new one")
    func freezeTheOwner() async throws {
        let (db, servers, bases, logs) = try startServers(2, database: "cluster_freeze_owner")
        defer { for server in servers { server.signal(SIGCONT); server.terminate() } }
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let first = API(http: http, base: bases[0]), second = API(http: http, base: bases[1])
        let created = try await first.call(.POST, "/api/v1/drills", body: ["source": Self.scenario, "speed": 10])
        let id = try #require(created["id"] as? String)
        let players = try #require((created["tokens"] as? [String: Any])?["players"] as? [String: String])
        let trainer = try await PlayerStream.open(http: http, base: bases[1], drill: id, token: ServerProcess.trainer, after: nil)
        _ = try await first.call(.POST, "/api/v1/drills/\(id)/start")
        try await trainer.waitFor { $0.data["inject"] as? String == "tick-1" }
        // The trainer's list is the same on every server: node 2 asks node 1 how its drill stands.
        let listed = try #require(try await Self.listed(id, on: second))
        #expect(listed["status"] as? String == "running")
        #expect((listed["drill_seconds"] as? Double ?? 0) > 0)

        servers[0].signal(SIGSTOP)
        // Node 2 takes it over once the lease has expired, and resumes it; then the trainer pauses it there.
        try await trainer.waitFor { $0.type == "resumed" }
        _ = try await second.call(.POST, "/api/v1/drills/\(id)/pause")
        try await trainer.waitFor { $0.type == "paused" }
        let database = try PostgresStore.open(try PostgresAddress(url: db), access: .readOnly)
        defer { try? database.close() }
        let frozenCount = try database.storedEvents(runID: id).count

        // Woken up, node 1's clock has run on: its injects are overdue and its lease renewal
        // due. It must find the drill taken over and write nothing.
        servers[0].signal(SIGCONT)
        var gaveUp = false
        for _ in 0..<100 where !gaveUp {
            try? await Task.sleep(for: .milliseconds(100))
            gaveUp = (try? String(contentsOf: logs[0], encoding: .utf8))?.contains("drill taken over by another server") == true
        }
        #expect(gaveUp, "node 1 should say it stopped the drill")
        #expect(!(try await first.text("/metrics")).contains("firedrill_drill_owned{run=\"\(id)\"}"))
        #expect(try database.storedEvents(runID: id).count == frozenCount)
        #expect(try await Self.listed(id, on: first)?["status"] as? String == "paused")

        // Requests to node 1 now reach node 2: the drill is paused there, so an action is refused
        // as on node 2, and the trainer's resume through node 1 goes on on node 2.
        _ = try await first.call(.POST, "/api/v1/drills/\(id)/resume")
        let answer = try await first.call(.POST, "/api/v1/drills/\(id)/actions", token: players["support"], body: ["role": "support", "command": "say woke up"])
        let seq = try #require(answer["seq"] as? Int)
        try await trainer.waitFor { $0.id == seq }
        #expect(try await second.text("/metrics").contains("firedrill_drill_owned{run=\"\(id)\"} 1"))

        let stored = try database.storedEvents(runID: id).map(\.event)
        #expect(stored.map(\.sequence) == Array(0..<stored.count))
        var injects: [String: Int] = [:]
        for case .injectDelivered(let inject) in stored.map(\.kind) { injects[inject, default: 0] += 1 }
        #expect(injects.values.allSatisfy { $0 == 1 }, "\(injects)")
        let verification = try database.verify(runID: id)
        if case .intact = verification {} else { Issue.record("the chain must verify: \(verification)") }
        #expect(trainer.received.map(\.id) == stored.map(\.sequence))
        try await http.shutdown()
    }
}

extension ClusterProcessTests {
    @Test("the README's nginx in front of three servers: streams arrive unbuffered, inputs reach the drill's server, a stopped server is skipped")
    func behindTheREADMEsNginx() async throws {
        let (_, servers, bases, _) = try startServers(3, database: "cluster_behind_nginx")
        defer { for server in servers { server.terminate() } }
        let nginx = try NginxProcess { port in try! Self.readmeNginx(listen: port, upstreams: bases) }
        defer { nginx.stop() }
        try await Self.withHTTPClient { http in try await playBehind(nginx, servers: servers, bases: bases, http: http) }
    }

    private func playBehind(_ nginx: NginxProcess, servers: [ServerProcess], bases: [String], http: HTTPClient) async throws {
        let proxy = API(http: http, base: nginx.base)
        let created = try await proxy.call(.POST, "/api/v1/drills", body: ["source": Self.scenario, "speed": 10])
        let id = try #require(created["id"] as? String)
        let players = try #require((created["tokens"] as? [String: Any])?["players"] as? [String: String])
        let trainer = try await PlayerStream.open(http: http, base: nginx.base, drill: id, token: ServerProcess.trainer, after: nil)
        /// Waits as a browser's EventSource does: a stream that ends or breaks is opened again
        /// through nginx after the last message received.
        func wait(for condition: (PlayerStream.Message) -> Bool) async throws {
            for attempt in 0..<3 {
                do {
                    return try await trainer.waitFor(condition)
                } catch where attempt < 2 {
                    _ = try await trainer.reopen(http: http, base: nginx.base)
                }
            }
        }
        _ = try await proxy.call(.POST, "/api/v1/drills/\(id)/start")
        // An inject comes through while the stream stays open: nginx does not hold it back.
        try await wait { $0.data["inject"] as? String == "tick-1" }

        // A server that does not run the drill stops: nginx skips it, and every input is taken.
        var owner: Int?
        for (index, base) in bases.enumerated() where try await API(http: http, base: base).text("/metrics").contains("firedrill_drill_owned{run=\"\(id)\"} 1") {
            owner = index
        }
        servers[(try #require(owner) + 1) % 3].kill()
        var seqs: [Int] = []
        for index in 1...12 {
            let answer = try await proxy.call(.POST, "/api/v1/drills/\(id)/actions", token: players["support"], body: ["role": "support", "command": "say status \(index)"])
            seqs.append(try #require(answer["seq"] as? Int))
        }
        // The trainer's stream (reconnected with Last-Event-ID if it was on the stopped server)
        // has every event once, in order.
        try await wait { $0.id == seqs.last }
        let ids = trainer.received.map(\.id)
        #expect(ids == Array(0..<ids.count), "\(ids)")
        #expect(Set(seqs).isSubset(of: Set(ids)))
        let list = try await proxy.call(.GET, "/api/v1/drills")
        #expect((list["drills"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)
    }

    @Test("the database connection breaks during an action's COMMIT, which the database did commit: the player is told the outcome is unknown, the drill is taken up again from the record, the action is in it once, and the drill goes on")
    func commitOutcomeUnknown() async throws {
        let cluster = try PostgresCluster.shared()
        let db = cluster.url(try cluster.database("cluster_commit_cut"))
        let proxy = try CuttingProxy(upstreamPort: cluster.port)
        defer { proxy.stop() }
        let server = try ServerProcess(
            database: db.replacingOccurrences(of: ":\(cluster.port)/", with: ":\(proxy.port)/"),
            arguments: ["--lease-seconds", "\(Self.leaseSeconds)", "--node-name", "node1"]
        )
        defer { server.terminate() }
        try await Self.withHTTPClient { http in
            try await cutDuringCommit(proxy: proxy, api: API(http: http, base: try server.waitForAddress()), database: db, http: http)
        }
    }

    /// Runs `body` with an HTTP client that is shut down afterwards, also when `body` throws
    /// (a client dropped without shutdown stops the test process).
    static func withHTTPClient(_ body: (HTTPClient) async throws -> Void) async throws {
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await body(http)
        } catch {
            try await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    private func cutDuringCommit(proxy: CuttingProxy, api: API, database db: String, http: HTTPClient) async throws {
        let created = try await api.call(.POST, "/api/v1/drills", body: ["source": Self.scenario, "speed": 10])
        let id = try #require(created["id"] as? String)
        let players = try #require((created["tokens"] as? [String: Any])?["players"] as? [String: String])
        let trainer = try await PlayerStream.open(http: http, base: api.base, drill: id, token: ServerProcess.trainer, after: nil)
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/start")
        try await trainer.waitFor { $0.data["inject"] as? String == "tick-1" }

        // The COMMIT of the transaction that writes this action reaches the database; its answer does not.
        try proxy.arm("COMMIT", after: "cut while committing")
        let say = { (text: String) in ["role": "support", "command": "say \(text)"] }
        do {
            _ = try await api.call(.POST, "/api/v1/drills/\(id)/actions", token: players["support"], body: say("cut while committing"))
            Issue.record("an action whose COMMIT lost its answer must not be acknowledged")
        } catch let error as ServerProcessError {
            #expect(error.message.contains("503") && error.message.contains("outcome_unknown"), "\(error.message)")
        }
        #expect(proxy.hasCut)

        // The drill is taken up again from the record; the next action is taken (after a moment
        // in which the drill is moving), and scheduled injects go on.
        var seq: Int?
        for attempt in 0..<100 where seq == nil {
            do {
                seq = try await api.call(.POST, "/api/v1/drills/\(id)/actions", token: players["support"], body: say("after the cut"))["seq"] as? Int
            } catch let error as ServerProcessError where error.message.contains("drill_moving") && attempt < 99 {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let after = try #require(seq)
        try await trainer.waitFor { $0.id == after }
        try await trainer.waitFor { $0.type == "inject-delivered" && $0.id > after }

        let database = try PostgresStore.open(try PostgresAddress(url: db), access: .readOnly)
        defer { try? database.close() }
        let stored = try database.storedEvents(runID: id).map(\.event)
        let texts = stored.compactMap { event -> String? in if case .action(let action) = event.kind { action.text } else { nil } }
        #expect(texts.filter { $0 == "cut while committing" }.count == 1, "the action the database committed is in the record once: \(texts)")
        #expect(texts.filter { $0 == "after the cut" }.count == 1)
        #expect(stored.map(\.sequence) == Array(0..<stored.count))
        var injects: [String: Int] = [:]
        for case .injectDelivered(let inject) in stored.map(\.kind) { injects[inject, default: 0] += 1 }
        #expect(injects.values.allSatisfy { $0 == 1 }, "\(injects)")
        let verification = try database.verify(runID: id)
        if case .intact = verification {} else { Issue.record("the chain must verify: \(verification)") }
        // The trainer's stream went on without gap or repeat, the committed action in it.
        #expect(trainer.received.map(\.id) == Array(stored.map(\.sequence).prefix(trainer.received.count)))
    }

    /// The README's nginx configuration, with the test's servers for its upstreams and a local
    /// port instead of its TLS listener; the rest as written there.
    static func readmeNginx(listen port: Int, upstreams: [String]) throws -> String {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md"), encoding: .utf8)
        guard let start = readme.range(of: "```nginx\n"), let end = readme.range(of: "```", range: start.upperBound..<readme.endIndex) else {
            throw SystemTool.Failure(description: "README.md has no nginx block")
        }
        var block = String(readme[start.upperBound..<end.lowerBound])
        for (index, upstream) in upstreams.enumerated() {
            block = block.replacingOccurrences(of: "127.0.0.1:\(8081 + index)", with: upstream.replacingOccurrences(of: "http://", with: ""))
        }
        guard let listen = block.range(of: #"listen 443 ssl;[^\n]*"#, options: .regularExpression) else {
            throw SystemTool.Failure(description: "the README's nginx block has no 'listen 443 ssl;' line")
        }
        block.replaceSubrange(listen, with: "listen 127.0.0.1:\(port);")
        return block
    }

    /// The drill's entry in the trainer's list as `api`'s server gives it.
    static func listed(_ id: String, on api: API) async throws -> [String: Any]? {
        let list = try await api.call(.GET, "/api/v1/drills")
        return (list["drills"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }
}

/// A flag the test's tasks read.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}

/// What the players were told about their actions.
actor ActionLedger {
    struct Outcome {
        /// Answered 201: the text and its event's number.
        var acknowledged: [(String, Int)] = []
        /// Answered with an error that says nothing was recorded.
        var refused: [String] = []
        /// No answer (the connection broke): recorded or not.
        var unknown: [String] = []
    }

    private(set) var outcome = Outcome()

    func send(http: HTTPClient, base: String, drill: String, token: String, role: String, text: String) async {
        var request = HTTPClientRequest(url: "\(base)/api/v1/drills/\(drill)/actions")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Content-Type", value: "application/json")
        let body = try! JSONSerialization.data(withJSONObject: ["role": role, "command": "say \(text)"])
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await http.execute(request, timeout: .seconds(20))
            let data = try await response.body.collect(upTo: 1 << 20)
            let object = try JSONSerialization.jsonObject(with: Data(String(buffer: data).utf8)) as? [String: Any] ?? [:]
            if response.status == .created, let seq = object["seq"] as? Int {
                outcome.acknowledged.append((text, seq))
            } else if let code = (object["error"] as? [String: Any])?["code"] as? String, code != "outcome_unknown" {
                outcome.refused.append(text)
            } else {
                outcome.unknown.append(text)
            }
        } catch {
            outcome.unknown.append(text)
        }
    }
}
