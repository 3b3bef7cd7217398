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

/// `firedrill bench live`: a `firedrill serve` child process on a scratch database, loaded
/// by this process as many players would load it.
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
/// - **Memory**: the server's resident set, with the streams open and at its peak.
///
/// The server records into a scratch SQLite file, or into `database` (a PostgreSQL URL) when
/// given: there the durability is the server's, and throughput is measured once.
public struct LiveBenchmark: Sendable {
    public var players: [Int]
    public var roles: Int
    public var clients: Int
    public var seconds: Double
    public var durabilities: [Durability]
    /// A PostgreSQL URL to record into instead of a scratch SQLite file.
    public var database: String?
    public var output: BenchmarkOutput

    public init(
        players: [Int], roles: Int, clients: Int, seconds: Double, durabilities: [Durability], database: String? = nil,
        output: BenchmarkOutput = .standardOutput
    ) {
        self.database = database
        self.players = players
        self.roles = roles
        self.clients = clients
        self.seconds = seconds
        self.durabilities = durabilities
        self.output = output
    }

    static let trainer = "fdt_bench-trainer-token-0123456789abcdefghij"
    static let injects = 5

    public func run() async throws {
        let files = FileLimit.raise()
        output("firedrill bench live: server in a child process, clients in this one; open-file limit \(files); store: \(database.map { _ in "PostgreSQL" } ?? "SQLite")\n\n")
        let http = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: {
                var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(10), read: .seconds(60)))
                configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 4_096)
                return configuration
            }()
        )
        var delivery: [[String]] = [["players", "lateness p50", "p99", "max", "last player has it", "answers accepted", "errors", "server RSS (streams open)", "peak RSS"]]
        for count in players {
            let result = try await measureDelivery(players: count, http: http)
            delivery.append([
                "\(count)", Self.ms(result.lateness.p50), Self.ms(result.lateness.p99), Self.ms(result.lateness.max),
                Self.ms(result.lastPlayer), "\(result.answersAccepted) of \(count)", "\(result.errors)",
                Self.mb(result.rssWithStreams), Self.mb(result.peakRSS),
            ])
        }
        output("Delivery of scheduled injects to every player (\(Self.injects) injects, one a second), then every player answering one more at once:\n")
        output.table(delivery)
        output("\n")

        var throughput: [[String]] = [["durability", "clients", "seconds", "acknowledged", "actions/s", "errors", "lost", "latency p50", "p99"]]
        for durability in database == nil ? durabilities : [.normal] {
            let result = try await measureThroughput(durability: durability, http: http)
            throughput.append([
                database == nil ? durability.rawValue : "PostgreSQL's", "\(clients)", String(format: "%.1f", result.elapsed), "\(result.acknowledged)",
                String(format: "%.0f", Double(result.acknowledged) / result.elapsed), "\(result.errors)", "\(result.lost)",
                Self.ms(result.latency.p50), Self.ms(result.latency.p99),
            ])
        }
        output("Actions acknowledged after commit, \(clients) concurrent clients (no event streams open):\n")
        output.table(throughput)
        try await http.shutdown()
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

    func measureDelivery(players count: Int, http: HTTPClient) async throws -> DeliveryResult {
        let server = try BenchServer(durability: .normal, database: database)
        defer { server.stop() }
        let api = BenchAPI(http: http, base: try server.address())
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
                            tally.state.withLock { $0.errors += 1 }
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
        let (accepted, errors) = tally.state.withLock { ($0.accepted, $0.errors) }
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

    func measureThroughput(durability: Durability, http: HTTPClient) async throws -> ThroughputResult {
        let server = try BenchServer(durability: durability, database: database)
        let api = BenchAPI(http: http, base: try server.address())
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
        let database: any DrillStore = try server.databasePath.contains("://")
            ? PostgresStore.open(PostgresAddress(url: server.databasePath, environment: ProcessInfo.processInfo.environment), access: .readOnly)
            : AppDatabase.open(path: server.databasePath, access: .readOnly)
        let stored = Set(try database.storedEvents(runID: drill.id).filter { $0.event.typeName == "action" }.map(\.event.sequence))
        let lost = results.seqs.filter { !stored.contains($0) }.count
        return ThroughputResult(elapsed: elapsed, acknowledged: results.seqs.count, errors: results.errors, lost: lost, latency: Percentiles(results.latencies))
    }

    // MARK: Helpers

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

/// The server under test: `firedrill serve` as a child process on a scratch database.
final class BenchServer: Sendable {
    let process: Process
    let databasePath: String
    private let output: Pipe

    init(durability: Durability, database: String? = nil) throws {
        if let database {
            databasePath = database
        } else {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-bench-live-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            databasePath = directory.appendingPathComponent("bench.sqlite").path
        }
        process = Process()
        output = Pipe()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        if !FileManager.default.isExecutableFile(atPath: process.executableURL!.path) {
            process.executableURL = Bundle.main.executableURL
        }
        process.arguments = ["serve", "--port", "0", "--db", databasePath, "--durability", durability.rawValue]
        var environment = ProcessInfo.processInfo.environment
        environment["FIREDRILL_TRAINER_TOKEN"] = LiveBenchmark.trainer
        environment["LOG_LEVEL"] = "error"
        process.environment = environment
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// The address the server printed once it listens.
    func address() throws -> String {
        var text = ""
        while !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let range = text.range(of: #"http://[0-9.]+:[0-9]+"#, options: .regularExpression) else {
            throw BenchmarkFailure("the benchmark's server did not start: \(text)")
        }
        return String(text[range])
    }

    /// The server's resident set now and at its peak, in bytes (from /proc; 0 where there is none).
    func residentSet() -> (current: Int, peak: Int) {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return (0, 0) }
        func kilobytes(_ field: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return 0 }
            return (Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0) * 1024
        }
        return (kilobytes("VmRSS"), kilobytes("VmHWM"))
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
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
