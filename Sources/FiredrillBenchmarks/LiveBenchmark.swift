import AsyncHTTPClient
import FiredrillClient
import FiredrillCore
import FiredrillPostgres
import FiredrillWire
import FiredrillServer
import FiredrillSQLite
import FiredrillStore
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// `firedrill bench live`: `firedrill serve` child processes on a scratch database, loaded
/// by this process as many players would load them.
///
/// - **Delivery**: `players` event streams (spread over `roles` played roles) follow a drill
///   whose injects to everyone are due every second; each message is stamped when it
///   arrives. Lateness is the arrival time minus the time the schedule set for it (the
///   drill's start, as the server recorded it, plus the inject's drill time).
/// - **Answering at once**: every player acknowledges the last inject the moment it
///   arrives; all must be accepted.
/// - **Throughput**: `clients` concurrent clients send actions for a few seconds, at each
///   durability; afterwards the record is read to check that every acknowledged action is
///   in it.
/// - **Memory**: the servers' resident set, with the streams open and at its peak.
/// - **Failover** (several nodes): the server running a drill is killed while clients act;
///   the time until its successor's first event, and whether anything acknowledged was lost
///   or doubled.
///
/// One server records into a scratch SQLite file, or into `database` (a PostgreSQL URL) when
/// given: there the durability is the server's, and throughput is measured once. With
/// `nodes` > 1, that many servers share the PostgreSQL database behind nginx, and one
/// server on SQLite is measured after them under the same load for comparison.
public struct LiveBenchmark: Sendable {
    public var players: [Int]
    public var roles: Int
    public var clients: Int
    public var seconds: Double
    public var durabilities: [Durability]
    /// A PostgreSQL URL to record into instead of a scratch SQLite file.
    public var database: String?
    /// Servers sharing `database`, behind nginx.
    public var nodes: Int
    public var leaseSeconds: Int
    /// nginx's program, when not found in the usual places.
    public var nginx: String?
    /// With several nodes: measure one server on SQLite afterwards too.
    public var compareWithSQLite: Bool
    public var output: BenchmarkOutput

    public init(
        players: [Int], roles: Int, clients: Int, seconds: Double, durabilities: [Durability], database: String? = nil,
        nodes: Int = 1, leaseSeconds: Int = 6, nginx: String? = nil, compareWithSQLite: Bool = true,
        output: BenchmarkOutput = .standardOutput
    ) {
        self.database = database
        self.players = players
        self.roles = roles
        self.clients = clients
        self.seconds = seconds
        self.durabilities = durabilities
        self.nodes = nodes
        self.leaseSeconds = leaseSeconds
        self.nginx = nginx
        self.compareWithSQLite = compareWithSQLite
        self.output = output
    }

    static let trainer = "fdt_bench-trainer-token-0123456789abcdefghij"
    static let injects = 5

    /// One arrangement of servers measured.
    struct Setup {
        var name: String
        var nodes: Int
        var database: String?
        var durabilities: [Durability]

        func deploy(_ durability: Durability, _ benchmark: LiveBenchmark) throws -> BenchDeployment {
            try BenchDeployment(nodes: nodes, durability: durability, database: database, leaseSeconds: benchmark.leaseSeconds, nginx: benchmark.nginx)
        }
    }

    var setups: [Setup] {
        guard nodes > 1, let database else {
            return [Setup(name: database == nil ? "1 server, SQLite" : "1 server, PostgreSQL", nodes: 1, database: database, durabilities: database == nil ? durabilities : [.normal])]
        }
        var setups = [Setup(name: "\(nodes) servers, PostgreSQL, nginx", nodes: nodes, database: database, durabilities: [.normal])]
        if compareWithSQLite { setups.append(Setup(name: "1 server, SQLite", nodes: 1, database: nil, durabilities: durabilities)) }
        return setups
    }

    public func run() async throws {
        let files = FileLimit.raise()
        output("firedrill bench live: servers in child processes, clients in this one; open-file limit \(files); \(setups.map(\.name).joined(separator: ", then "))\n\n")
        let http = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: {
                var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(10), read: .seconds(60)))
                configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 4_096)
                return configuration
            }()
        )
        do {
            try await measure(http: http)
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    func measure(http: HTTPClient) async throws {
        var delivery: [[String]] = [["servers", "players", "lateness p50", "p99", "max", "last player has it", "answers accepted", "errors", "servers' RSS (streams open)", "peak RSS"]]
        for setup in setups {
            for count in players {
                let result = try await measureDelivery(players: count, setup: setup, http: http)
                delivery.append([
                    setup.name, "\(count)", Self.ms(result.lateness.p50), Self.ms(result.lateness.p99), Self.ms(result.lateness.max),
                    Self.ms(result.lastPlayer), "\(result.answersAccepted) of \(count)", "\(result.errors)",
                    Self.mb(result.rssWithStreams), Self.mb(result.peakRSS),
                ])
            }
        }
        output("Delivery of scheduled injects to every player (\(Self.injects) injects, one a second), then every player answering one more at once:\n")
        output.table(delivery)
        output("\n")

        var throughput: [[String]] = [["servers", "durability", "clients", "seconds", "acknowledged", "actions/s", "errors", "lost", "latency p50", "p99"]]
        for setup in setups {
            for durability in setup.durabilities {
                let result = try await measureThroughput(durability: durability, setup: setup, http: http)
                throughput.append([
                    setup.name, setup.database == nil ? durability.rawValue : "PostgreSQL's", "\(clients)", String(format: "%.1f", result.elapsed), "\(result.acknowledged)",
                    String(format: "%.0f", Double(result.acknowledged) / result.elapsed), "\(result.errors)", "\(result.lost)",
                    Self.ms(result.latency.p50), Self.ms(result.latency.p99),
                ])
            }
        }
        output("Actions acknowledged after commit, \(clients) concurrent clients (no event streams open):\n")
        output.table(throughput)

        if let cluster = setups.first(where: { $0.nodes > 1 }) {
            let result = try await measureFailover(setup: cluster, http: http)
            output("\nFailover: the server running a drill killed (SIGKILL) while \(Self.failoverClients) clients act through nginx; lease \(leaseSeconds) s:\n")
            output.table([
                ["kill → successor's first event", "minus the lease", "kill → next inject", "acknowledged", "lost", "doubled", "refused (nothing recorded)", "no answer"],
                [
                    Self.ms(result.firstEvent), Self.ms(result.firstEvent - Double(leaseSeconds)), Self.ms(result.nextInject),
                    "\(result.acknowledged)", "\(result.lost)", "\(result.doubled)", "\(result.refused)", "\(result.unknown)",
                ],
            ])
        }
    }

    // MARK: Delivery

    struct DeliveryResult {
        var lateness: Percentiles
        var lastPlayer: Double
        var answersAccepted: Int
        var errors: Int
        var rssWithStreams: Int
        var peakRSS: Int
    }

    func measureDelivery(players count: Int, setup: Setup, http: HTTPClient) async throws -> DeliveryResult {
        let server = try setup.deploy(.normal, self)
        defer { server.stop() }
        let api = BenchAPI(http: http, base: server.base)
        let drill = try await api.createDrill(source: Self.scenario(roles: roles, injectEvery: 1, firstAt: 4), speed: 1)
        let tokens = try await api.playerTokens(drill: drill.id, count: count, roles: drill.roles)
        let clock = ContinuousClock()

        // Every player follows its stream; the last inject makes each one answer at once.
        let tally = DeliveryTally()
        // The inject everyone answers comes after the measured ones, so the answers do not
        // compete with their delivery.
        let lastInject = "i\(Self.injects + 1)"
        let address = try Self.hostAndPort(api.base)
        var channels: [any Channel] = []
        for (token, role) in tokens {
            let client = DrillClient(http: http, base: api.base, token: token)
            channels.append(try await StreamProbe.open(host: address.host, port: address.port, drill: drill.id, token: token) { signal in
                switch signal {
                case .caughtUp:
                    tally.state.withLock { $0.connected += 1 }
                case .inject(let inject, let time):
                    tally.state.withLock { $0.arrivals[inject, default: []].append(time) }
                    guard inject == lastInject else { return }
                    Task {
                        do {
                            try await client.act(drill: drill.id, ActionRequest(role: role, command: "ack \(inject)"))
                            tally.state.withLock { $0.accepted += 1 }
                        } catch {
                            let kind = (error as? DrillClient.Failure).map { "\($0.status.map(String.init) ?? "no answer") \($0.code ?? "")" } ?? "\(error)"
                            tally.state.withLock { $0.errors += 1; $0.errorKinds[kind, default: 0] += 1 }
                        }
                    }
                }
            })
        }
        let deadline = clock.now + .seconds(120)
        while tally.state.withLock({ $0.connected }) < count && clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        let withStreams = server.residentSet()
        let started = try await api.start(drill: drill.id)
        // Everyone has the last inject and has answered, or time is up.
        while tally.state.withLock({ $0.accepted + $0.errors }) < count && clock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        _ = try? await api.post("/api/v1/drills/\(drill.id)/end")
        for channel in channels { try? await channel.close() }

        let received = tally.state.withLock { $0.arrivals }
        var lateness: [Double] = []
        var lastPlayer = 0.0
        for index in 1...Self.injects {
            let due = started + Double(4 + index - 1)
            let times = received["i\(index)"] ?? []
            lateness += times.map { $0 - due }
            lastPlayer = max(lastPlayer, (times.max() ?? .infinity) - due)
            if ProcessInfo.processInfo.environment["FIREDRILL_BENCH_DETAIL"] != nil {
                output("  i\(index): first \(Self.ms((times.min() ?? .nan) - due)), last \(Self.ms((times.max() ?? .nan) - due))\n")
            }
        }
        let missing = count * Self.injects - lateness.count
        let (accepted, errors, kinds) = tally.state.withLock { ($0.accepted, $0.errors, $0.errorKinds) }
        if !kinds.isEmpty {
            output("  \(setup.name), \(count) players: answers refused or failed: \(kinds.sorted { $0.key < $1.key }.map { "\($0.value)× \($0.key)" }.joined(separator: ", "))\n")
        }
        return DeliveryResult(
            lateness: Percentiles(lateness), lastPlayer: lastPlayer, answersAccepted: accepted,
            errors: errors + missing, rssWithStreams: withStreams.current, peakRSS: server.residentSet().peak
        )
    }

    /// What the players' streams saw: when each inject arrived, and how their answers went.
    final class DeliveryTally: Sendable {
        struct State {
            var connected = 0
            var arrivals: [String: [Double]] = [:]
            var accepted = 0
            var errors = 0
            var errorKinds: [String: Int] = [:]
        }

        let state = Mutex(State())
    }

    // MARK: Throughput

    struct ThroughputResult {
        var elapsed: Double
        var acknowledged: Int
        var errors: Int
        var lost: Int
        var latency: Percentiles
    }

    func measureThroughput(durability: Durability, setup: Setup, http: HTTPClient) async throws -> ThroughputResult {
        let server = try setup.deploy(durability, self)
        let api = BenchAPI(http: http, base: server.base)
        let drill = try await api.createDrill(source: Self.scenario(roles: roles, injectEvery: 60, firstAt: 60), speed: 1)
        let tokens = try await api.playerTokens(drill: drill.id, count: clients, roles: drill.roles)
        _ = try await api.start(drill: drill.id)
        let clock = ContinuousClock()
        let begin = clock.now
        let stop = begin + .seconds(seconds)
        let results = await withTaskGroup(of: (seqs: [Int], errors: Int, latencies: [Double]).self) { group in
            for (index, (token, role)) in tokens.enumerated() {
                group.addTask {
                    let client = DrillClient(http: http, base: api.base, token: token)
                    var seqs: [Int] = [], errors = 0, latencies: [Double] = []
                    var n = 0
                    while clock.now < stop {
                        let sent = clock.now
                        do {
                            if let seq = try await client.actReturningSequence(drill: drill.id, role: role, command: "say client \(index) update \(n)") {
                                seqs.append(seq)
                            }
                            latencies.append(Self.seconds(sent.duration(to: clock.now)))
                        } catch {
                            errors += 1
                        }
                        n += 1
                    }
                    return (seqs, errors, latencies)
                }
            }
            var all: (seqs: [Int], errors: Int, latencies: [Double]) = ([], 0, [])
            for await result in group {
                all.seqs += result.seqs
                all.errors += result.errors
                all.latencies += result.latencies
            }
            return all
        }
        let elapsed = Self.seconds(begin.duration(to: clock.now))
        _ = try? await api.post("/api/v1/drills/\(drill.id)/end")
        server.stop()
        // What was acknowledged must be in the record.
        let database = try Self.open(server.database)
        let stored = Set(try database.storedEvents(runID: drill.id).filter { $0.event.typeName == "action" }.map(\.event.sequence))
        let lost = results.seqs.filter { !stored.contains($0) }.count
        return ThroughputResult(elapsed: elapsed, acknowledged: results.seqs.count, errors: results.errors, lost: lost, latency: Percentiles(results.latencies))
    }

    // MARK: Failover

    static let failoverClients = 50

    struct FailoverResult {
        /// Seconds from the kill to the first event the successor recorded, as a stream on
        /// another server received it.
        var firstEvent: Double
        /// Seconds from the kill to the next inject delivered.
        var nextInject: Double
        var acknowledged: Int, lost: Int, doubled: Int, refused: Int, unknown: Int
    }

    /// A drill with injects every second, clients acting through nginx; the server running it
    /// is killed after the second inject. A trainer's stream on another server stamps what comes.
    func measureFailover(setup: Setup, http: HTTPClient) async throws -> FailoverResult {
        let deployment = try setup.deploy(.normal, self)
        defer { deployment.stop() }
        let api = BenchAPI(http: http, base: deployment.base)
        let drill = try await api.createDrill(source: Self.scenario(roles: roles, injectEvery: 1, firstAt: 2), speed: 1)
        let tokens = try await api.playerTokens(drill: drill.id, count: Self.failoverClients, roles: drill.roles)
        guard let owner = try await deployment.owner(of: drill.id, http: http) else { throw BenchmarkFailure("no server says it runs the drill") }
        let watcher = (owner + 1) % deployment.nodeBases.count
        let clock = ContinuousClock()

        // The trainer's stream on a server that survives: each event's number, type and arrival.
        let tally = FailoverTally()
        let stream = try await DrillClient(http: http, base: deployment.nodeBases[watcher], token: Self.trainer).events(drill: drill.id, after: nil)
        let reader = Task {
            for try await item in stream {
                guard case .message(let id, let type, _) = item, let seq = id.flatMap({ Int($0) }) else { continue }
                tally.arrivals.withLock { $0.append((seq, type, clock.now)) }
            }
        }
        defer { reader.cancel() }
        _ = try await api.start(drill: drill.id)

        // Clients act until told to stop; each answer is kept: acknowledged (text, number),
        // refused (an error that says nothing was recorded), or none.
        let actors = tokens.enumerated().map { index, entry in
            Task {
                let client = DrillClient(http: http, base: deployment.base, token: entry.token)
                var n = 0
                while !tally.stop.withLock({ $0 }) {
                    n += 1
                    let text = "client \(index) update \(n)"
                    do {
                        if let seq = try await client.actReturningSequence(drill: drill.id, role: entry.role, command: "say \(text)") {
                            tally.ledger.withLock { $0.acknowledged.append((text, seq)) }
                        }
                    } catch let failure as DrillClient.Failure where failure.code != nil && failure.code != "outcome_unknown" {
                        tally.ledger.withLock { $0.refused += 1 }
                    } catch {
                        tally.ledger.withLock { $0.unknown += 1 }
                    }
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
        }
        func wait(until condition: ([(seq: Int, type: String, at: ContinuousClock.Instant)]) -> Bool) async throws {
            let deadline = clock.now + .seconds(60)
            while !tally.arrivals.withLock({ condition($0) }) {
                guard clock.now < deadline else { throw BenchmarkFailure("the failover did not happen within a minute") }
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        try await wait { $0.contains { $0.type == "inject-delivered" && $0.seq > 1 } && $0.filter { $0.type == "inject-delivered" }.count >= 2 }
        deployment.servers[owner].kill()
        let killed = clock.now
        // Everything the dead server committed is in the record: what comes after is the successor's.
        let database = try Self.open(deployment.database)
        let last = try database.storedEvents(runID: drill.id).last?.event.sequence ?? 0
        try await wait { $0.contains { $0.seq > last } }
        try await wait { $0.contains { $0.seq > last && $0.type == "inject-delivered" } }
        let (first, inject) = tally.arrivals.withLock { events in
            (events.first { $0.seq > last }!.at, events.first { $0.seq > last && $0.type == "inject-delivered" }!.at)
        }
        try await Task.sleep(for: .seconds(2))
        tally.stop.withLock { $0 = true }
        for actor in actors { await actor.value }
        _ = try? await api.post("/api/v1/drills/\(drill.id)/end")

        let recorded = try database.storedEvents(runID: drill.id).compactMap { stored -> (String, Int)? in
            guard case .action(let action) = stored.event.kind else { return nil }
            return (action.text, stored.event.sequence)
        }
        let byText = Dictionary(grouping: recorded, by: \.0)
        let outcome = tally.ledger.withLock { $0 }
        return FailoverResult(
            firstEvent: Self.seconds(killed.duration(to: first)), nextInject: Self.seconds(killed.duration(to: inject)),
            acknowledged: outcome.acknowledged.count,
            lost: outcome.acknowledged.filter { text, seq in byText[text]?.contains { $0.1 == seq } != true }.count,
            doubled: byText.values.filter { $0.count > 1 }.count, refused: outcome.refused, unknown: outcome.unknown
        )
    }

    /// What the failover's stream and clients saw.
    final class FailoverTally: Sendable {
        let arrivals = Mutex<[(seq: Int, type: String, at: ContinuousClock.Instant)]>([])
        let stop = Mutex(false)
        let ledger = Mutex<(acknowledged: [(String, Int)], refused: Int, unknown: Int)>(([], 0, 0))
    }

    // MARK: Helpers

    /// The benchmark's database, to read what was recorded.
    static func open(_ database: String) throws -> any DrillStore {
        database.contains("://")
            ? try PostgresStore.open(PostgresAddress(url: database, environment: ProcessInfo.processInfo.environment), access: .readOnly)
            : try AppDatabase.open(path: database, access: .readOnly)
    }

    static func hostAndPort(_ base: String) throws -> (host: String, port: Int) {
        guard let components = URLComponents(string: base), let host = components.host, let port = components.port else {
            throw BenchmarkFailure("cannot read the server's address '\(base)'")
        }
        return (host, port)
    }

    /// A drill with `roles` played roles and `injects` + 1 injects to everyone every
    /// `injectEvery` seconds from `firstAt`.
    static func scenario(roles: Int, injectEvery: Int, firstAt: Int) -> String {
        var lines = ["firedrill: 1", "id: live-bench", "title: Live benchmark", "duration: 2h", "roles:"]
        for index in 1...roles {
            lines += ["  - id: team-\(index)", "    name: Team \(index)", "    department: Department \((index - 1) % 10 + 1)"]
        }
        lines.append("injects:")
        for index in 1...(injects + 1) {
            lines += ["  - id: i\(index)", "    to: all", "    channel: chat", "    subject: Update \(index)", "    at: \(firstAt + (index - 1) * injectEvery)s"]
        }
        lines += ["objectives:", "  - id: ack", "    kind: acknowledge", "    target: 1m"]
        return lines.joined(separator: "\n") + "\n"
    }

    struct Percentiles {
        var p50: Double, p99: Double, max: Double

        init(_ values: [Double]) {
            let sorted = values.sorted()
            func rank(_ p: Double) -> Double {
                guard !sorted.isEmpty else { return .nan }
                return sorted[Swift.min(sorted.count - 1, Swift.max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
            }
            (p50, p99, max) = (rank(0.5), rank(0.99), sorted.last ?? .nan)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func ms(_ seconds: Double) -> String {
        seconds.isFinite ? String(format: "%.1f ms", seconds * 1000) : "–"
    }

    static func mb(_ bytes: Int) -> String {
        bytes > 0 ? String(format: "%.0f MB", Double(bytes) / 1_048_576) : "–"
    }
}

/// The trainer's calls the benchmark makes.
struct BenchAPI {
    let http: HTTPClient
    let base: String

    struct Created {
        var id: String
        var roles: [String]
    }

    func createDrill(source: String, speed: Double) async throws -> Created {
        let answer = try await post("/api/v1/drills", ["source": source, "speed": speed])
        guard let id = answer["id"] as? String, let players = (answer["tokens"] as? [String: Any])?["players"] as? [String: String] else {
            throw BenchmarkFailure("the benchmark's drill was not created: \(answer)")
        }
        return Created(id: id, roles: players.keys.sorted())
    }

    /// `count` player tokens, spread over the drill's roles, with each token's role.
    func playerTokens(drill: String, count: Int, roles: [String]) async throws -> [(token: String, role: String)] {
        var tokens: [(String, String)] = []
        for index in 0..<count {
            let role = roles[index % roles.count]
            let answer = try await post("/api/v1/drills/\(drill)/tokens", ["kind": "player", "roles": [role]])
            guard let token = answer["token"] as? String else { throw BenchmarkFailure("no token: \(answer)") }
            tokens.append((token, role))
        }
        return tokens
    }

    /// Starts the drill; returns when the server recorded the start (seconds since 1970).
    func start(drill: String) async throws -> Double {
        _ = try await post("/api/v1/drills/\(drill)/start")
        let client = DrillClient(http: http, base: base, token: LiveBenchmark.trainer)
        for try await item in try await client.events(drill: drill, after: nil) {
            guard case .message(_, "started", let data) = item, let view = EventView(json: Data(data.utf8)),
                  let wall = view.wallTime, let date = Timestamp.date(from: wall) else { continue }
            return date.timeIntervalSince1970
        }
        throw BenchmarkFailure("the drill's start was not recorded")
    }

    @discardableResult
    func post(_ path: String, _ body: [String: Any] = [:]) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: base + path)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(LiveBenchmark.trainer)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        let response = try await http.execute(request, timeout: .seconds(30))
        let data = try await response.body.collect(upTo: 1 << 20)
        return (try? JSONSerialization.jsonObject(with: Data(data.readableBytesView))) as? [String: Any] ?? [:]
    }
}
