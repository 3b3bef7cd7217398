import AsyncHTTPClient
import FiredrillCore
import FiredrillRecords
import FiredrillReporting
import FiredrillStore
@testable import FiredrillSQLite
import FiredrillTestSupport
import FiredrillPostgres
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// `firedrill serve` as a real process on a real socket: three players follow their streams
/// and act while the server is killed with SIGKILL and started again on the same database.
@Suite("A live drill across a server kill")
struct ServerProcessTests {
    static let scenario = """
    firedrill: 1
    id: three-players
    title: Door does not unlock
    briefing: Customers write in. Act as you would.
    duration: 60m
    roles:
      - id: support
        name: Support desk
        department: Customer support
      - id: firmware-lead
        name: Firmware lead
        department: Engineering
      - id: app-lead
        name: App lead
        department: Engineering
      - id: director
        name: Director
        persona:
          channels: [phone]
          reply: Keep me posted.
    injects:
      - id: ticket
        to: [support]
        channel: ticket
        subject: My door does not unlock from the app
        at: 0s
      - id: later
        to: all
        channel: chat
        subject: Later
        at: 55m
    objectives:
      - id: ack
        kind: acknowledge
        by: [support]
        from: ticket
        target: 5m
      - id: esc
        kind: escalate
        to: firmware-lead
        target: 10m
      - id: fix
        kind: action
        match: [rollback]
        target: 30m
    survey:
      - How clear was the routing?
    """

    @Test("three players, a kill -9 and a restart: every stream catches up without gap or duplicate, nothing acknowledged is lost, and the report equals 'show'", arguments: ["SQLite", "PostgreSQL"])
    func killAndRestart(store: String) async throws {
        let db: String
        if store == "PostgreSQL" {
            let cluster = try PostgresCluster.shared()
            db = cluster.url(try cluster.database("e2e_kill_and_restart"))
        } else {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            db = directory.appendingPathComponent("fd.sqlite").path
        }
        let http = HTTPClient(eventLoopGroupProvider: .singleton)

        var server = try ServerProcess(database: db)
        var api = API(http: http, base: try server.waitForAddress())
        let created = try await api.call(.POST, "/api/v1/drills", body: ["source": Self.scenario, "speed": 1])
        let id = try #require(created["id"] as? String)
        let tokens = try #require(created["tokens"] as? [String: Any])
        let players = try #require(tokens["players"] as? [String: String])
        #expect(players.keys.sorted() == ["app-lead", "firmware-lead", "support"])
        let evaluator = try #require(tokens["evaluator"] as? String)

        // Each player follows its stream from before the start.
        let roles = ["support", "firmware-lead", "app-lead"]
        var streams: [String: PlayerStream] = [:]
        for role in roles { streams[role] = try await PlayerStream.open(http: http, base: api.base, drill: id, token: players[role]!, after: nil) }
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/start")

        var acknowledged: [Int] = []
        func act(_ role: String, _ command: String) async throws {
            let answer = try await api.call(.POST, "/api/v1/drills/\(id)/actions", token: players[role], body: ["role": role, "command": command])
            acknowledged.append(try #require(answer["seq"] as? Int, "\(answer)"))
        }
        try await act("support", "ack looking into it")
        try await act("support", "escalate firmware lead via chat unlock fails since 4.2")
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/injects", body: ["to": ["app-lead"], "channel": "email", "from": "QA", "subject": "App 3.1 crash reports"])
        try await act("app-lead", "say checking the app side")
        // Actions in flight while the server dies: some may be answered, some not; every one
        // that was answered must be in the record.
        let firstAPI = api
        let firmware = try #require(players["firmware-lead"])
        let inFlight = Task { () -> [Int] in
            var seqs: [Int] = []
            for index in 0..<200 {
                guard let answer = try? await firstAPI.call(.POST, "/api/v1/drills/\(id)/actions", token: firmware, body: ["role": "firmware-lead", "command": "say status \(index)"]),
                      let seq = answer["seq"] as? Int else { break }
                seqs.append(seq)
            }
            return seqs
        }
        for role in roles { try await streams[role]!.waitFor { $0.type == "started" } }
        // Kill while the firmware lead is still sending.
        try await streams["firmware-lead"]!.waitFor { $0.data["text"] as? String == "status 5" }
        server.kill()
        acknowledged += await inFlight.value
        for role in roles { try await streams[role]!.drain() }

        // The same database, a new process (and port). On SQLite the drill is offered paused
        // where it stopped; on PostgreSQL the new server takes it over once the dead one's
        // lease has expired and lets it go on by itself (as any server sharing the database would).
        server = try ServerProcess(database: db, arguments: store == "PostgreSQL" ? ["--lease-seconds", "2"] : [])
        api = API(http: http, base: try server.waitForAddress())
        // On PostgreSQL the takeover records the interruption, then resumes: wait for the second
        // step (the lease has to expire first), however slow the machine.
        var drill: [String: Any] = [:]
        for attempt in 0..<300 {
            do {
                drill = try await api.call(.GET, "/api/v1/drills/\(id)")
                if store == "SQLite" || drill["status"] as? String == "running" || attempt == 299 { break }
            } catch let error as ServerProcessError where store == "PostgreSQL" && error.message.contains("drill_moving") && attempt < 299 {
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(drill["status"] as? String == (store == "PostgreSQL" ? "running" : "interrupted"))
        for role in roles {
            streams[role] = try await streams[role]!.reopen(http: http, base: api.base)
        }
        if store == "SQLite" { _ = try await api.call(.POST, "/api/v1/drills/\(id)/resume") }
        try await act("firmware-lead", "do rollback of firmware 4.2 to 4.1")
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/observations", token: evaluator, body: ["objective": "esc", "rating": "S", "text": "Chat first; the firmware lead answered quickly."])
        try await act("support", "escalate director via phone customers affected")
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/end")
        for role in roles { try await streams[role]!.waitFor { $0.type == "ended" } }

        // Every acknowledged action is in the record, and the record verifies.
        let database: any DrillStore = store == "PostgreSQL"
            ? try PostgresStore.open(try PostgresAddress(url: db), access: .readOnly)
            : try AppDatabase.open(path: db, access: .readOnly)
        let stored = try database.storedEvents(runID: id).map(\.event)
        let storedSeqs = Set(stored.map(\.sequence))
        #expect(acknowledged.allSatisfy(storedSeqs.contains), "acknowledged but missing: \(acknowledged.filter { !storedSeqs.contains($0) })")
        guard case .intact = try database.verify(runID: id) else {
            Issue.record("the record should verify")
            return
        }
        // Each stream, both connections together, is exactly what that player may see of the record, in order.
        let scenario = try StoredReport(database, runID: id).scenario
        for role in roles {
            let expected = stored.filter { Visibility.canSee($0, audience: .player(roles: [role]), scenario: scenario) }.map(\.sequence)
            let received = streams[role]!.received.map(\.id)
            #expect(received == expected, "\(role): received \(received), expected \(expected)")
        }
        #expect(streams["firmware-lead"]!.received.contains { $0.data["target"] as? String == "firmware-lead" })
        #expect(!streams["support"]!.received.contains { $0.data["subject"] as? String == "App 3.1 crash reports" })

        // The server's report is `firedrill show`'s, byte for byte.
        let served = try await api.text("/api/v1/drills/\(id)/report?format=json")
        let shown = try StoredReport(database, runID: id)
        #expect(served == (try JSONReportRenderer.render(shown.report)))
        #expect(shown.report.observations.count == 1)
        #expect(shown.report.drill.interruptions == 1)
        server.terminate()
        for role in roles { try await streams[role]!.close() }
        try await http.shutdown()
    }
}

extension ServerProcessTests {
    @Test("firedrill join: a player's terminal over HTTP sees the drill as 'run' shows it, acts, rides out a server restart and answers the survey")
    func joinOverHTTP() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-join-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let db = directory.appendingPathComponent("fd.sqlite").path
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        var server = try ServerProcess(database: db)
        var api = API(http: http, base: try server.waitForAddress())
        let port = try #require(Int(api.base.split(separator: ":").last ?? ""))
        let created = try await api.call(.POST, "/api/v1/drills", body: ["source": Self.scenario, "speed": 1])
        let id = try #require(created["id"] as? String)
        let link = try #require((created["links"] as? [String: Any]).flatMap { $0["players"] as? [String: String] }?["support"])

        let join = try LiveProcess(executable: BuiltExecutable.firedrill, arguments: ["join", link, "--name", "Aiko"], environment: ["NO_COLOR": "1"])
        #expect(join.waitFor("Waiting for the trainer to start the drill."), "\(join.text)")
        #expect(join.text.contains("Customers write in. Act as you would.") && join.text.contains("You play: Support desk (support)."))
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/start")
        #expect(join.waitFor("TICKET  from unknown sender  to support\n  My door does not unlock from the app"), "\(join.text)")
        join.send("escalate Firmware Lead via chat door fails since 4.2")
        #expect(join.waitFor("✓ support: escalate firmware-lead via chat door fails since 4.2"), "\(join.text)")
        join.send("/pause")
        #expect(join.waitFor("Only the trainer starts, pauses, resumes and ends the drill."))
        join.send("escalate firmware lead vai phone now")
        #expect(join.waitFor("did you mean 'via phone'?"), "\(join.text)")

        // The server dies and comes back on the same address: the terminal says so and catches up.
        server.kill()
        #expect(join.waitFor("Connection to the server lost; reconnecting…"), "\(join.text)")
        server = try ServerProcess(database: db, port: port)
        api = API(http: http, base: try server.waitForAddress())
        #expect(join.waitFor("Reconnected; nothing was missed."), "\(join.text)")
        #expect(join.text.contains("it stands paused until the trainer resumes it"))
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/resume")
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/injects", body: ["to": ["support"], "channel": "email", "from": "A customer", "subject": "Still locked out"])
        #expect(join.waitFor("Still locked out"))
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/end")
        #expect(join.waitFor("1/1. How clear was the routing? [1-5]"), "\(join.text)")
        join.send("4 - clear after the first escalation")
        #expect(join.finish() == 0, "\(join.text)")
        #expect(join.text.contains("Thank you."))
        // Joining again after the end catches up and does not ask what was answered.
        let again = try LiveProcess(executable: BuiltExecutable.firedrill, arguments: ["join", link], environment: ["NO_COLOR": "1"])
        #expect(again.waitFor("Thank you."), "\(again.text)")
        #expect(again.finish() == 0, "\(again.text)")
        #expect(again.text.contains("Drill ended") && again.text.contains("Thank you.") && !again.text.contains("1/1."), "\(again.text)")

        let database = try AppDatabase.open(path: db, access: .readOnly)
        let report = try StoredReport(database, runID: id).report
        #expect(report.timeline.contains { $0.type == "action" && $0.role == "support" && $0.target == "firmware-lead" })
        #expect(report.survey.first?.answers == [4] && report.survey.first?.texts == ["clear after the first escalation"])
        #expect(try database.tokens(runID: id).contains { $0.displayName == "Aiko" })
        server.terminate()
        try await http.shutdown()
    }
}

extension ServerProcessTests {
    @Test("firedrill join: the player's role card in the briefing and on /role, never another role's; the quiz after the end, with the key")
    func joinWithCardAndQuiz() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-join-quiz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let server = try ServerProcess(database: directory.appendingPathComponent("fd.sqlite").path)
        let api = API(http: http, base: try server.waitForAddress())
        let source = """
        firedrill: 1
        id: card-and-quiz
        title: Door does not unlock
        duration: 60m
        roles:
          - id: support
            name: Support desk
            department: Customer support
            responsibilities:
              - Answer every customer within 15 minutes
          - id: firmware-lead
            name: Firmware lead
            responsibilities:
              - Decide on a rollback
        injects:
          - id: ticket
            to: [support]
            channel: ticket
            subject: My door does not unlock from the app
            at: 0s
        objectives:
          - id: ack
            kind: acknowledge
            target: 5m
        quiz:
          - id: q1
            question: Who decides on a rollback?
            choices: [Support desk, Firmware lead]
            answer: 1
            explanation: The firmware lead, as the card says.
        """
        let created = try await api.call(.POST, "/api/v1/drills", body: ["source": source, "speed": 1])
        let id = try #require(created["id"] as? String)
        let link = try #require((created["links"] as? [String: Any]).flatMap { $0["players"] as? [String: String] }?["support"])
        let join = try LiveProcess(executable: BuiltExecutable.firedrill, arguments: ["join", link], environment: ["NO_COLOR": "1"])
        #expect(join.waitFor("Your role card: Support desk"), "\(join.text)")
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/start")
        #expect(join.waitFor("My door does not unlock from the app"), "\(join.text)")
        join.send("/role")
        join.send("/help")
        #expect(join.waitFor("/status  /role  /help  /quit"), "\(join.text)")
        #expect(join.text.components(separatedBy: "・Answer every customer within 15 minutes").count == 3, "in the briefing and on /role: \(join.text)")
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/end")
        #expect(join.waitFor("1/1. Who decides on a rollback?"), "\(join.text)")
        join.send("1")
        #expect(join.waitFor("The firmware lead, as the card says."), "\(join.text)")
        #expect(join.finish() == 0, "\(join.text)")
        #expect(join.text.contains("Not quite: the answer is 2.") && join.text.contains("Quiz: 0 of 1 correct."), "\(join.text)")
        #expect(!join.text.contains("Decide on a rollback"), "another role's card is never shown")
        let report = try await api.call(.GET, "/api/v1/drills/\(id)/report")
        let quiz = try #require(report["quiz"] as? [[String: Any]])
        #expect(quiz.first?["answers"] as? Int == 1 && quiz.first?["correct"] as? Int == 0)
        server.terminate()
        try await http.shutdown()
    }

    @Test("at a terminal, a message that arrives while a line is half typed is printed above it, and the line is drawn again")
    func messageWhileTyping() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-typing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let server = try ServerProcess(database: directory.appendingPathComponent("fd.sqlite").path)
        let api = API(http: http, base: try server.waitForAddress())
        let created = try await api.call(.POST, "/api/v1/drills", body: ["source": Self.scenario, "speed": 1])
        let id = try #require(created["id"] as? String)
        let link = try #require((created["links"] as? [String: Any]).flatMap { $0["players"] as? [String: String] }?["support"])
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/start")

        let terminal = try PseudoTerminal(executable: BuiltExecutable.firedrill, arguments: ["join", link], environment: ["NO_COLOR": "1"])
        defer { terminal.kill() }
        #expect(terminal.waitFor("My door does not unlock from the app"), "\(terminal.text)")
        #expect(terminal.waitFor("[support] > "), "\(terminal.text)")
        terminal.type("do check the door logs")
        #expect(terminal.waitFor("do check the door logs"))
        let typed = terminal.text.count
        // The trainer's message arrives now, in the middle of the line.
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/injects", body: ["to": ["support"], "channel": "chat", "from": "CTO", "subject": "Status please"])
        #expect(terminal.waitFor("Status please", after: typed), "\(terminal.text)")
        let screen = terminal.text
        let message = try #require(screen.range(of: "Status please"))
        // The half-typed line was cleared before the message (never printed into it) and comes back below it.
        #expect(String(screen[..<message.lowerBound].dropFirst(typed)).contains("\r\u{1B}[2K"), "\(screen)")
        let afterMessage = screen.distance(from: screen.startIndex, to: message.upperBound)
        #expect(terminal.waitFor("[support] > do check the door logs", after: afterMessage), "\(terminal.text)")
        terminal.type(" now\r")
        #expect(terminal.waitFor("✓ support: do check the door logs now"), "\(terminal.text)")
        server.terminate()
        try await http.shutdown()
    }
}

/// A `firedrill serve` child process (on a free port unless one is given).
struct ServerProcess {
    static let trainer = "trainer-token-for-e2e-tests-0123456789abcdef"
    let process = Process()
    private let output = Pipe()

    /// A server on `database`; with `log`, its log (at `logLevel`) goes to that file.
    init(database: String, port: Int = 0, arguments: [String] = [], log: URL? = nil, logLevel: String = "error") throws {
        process.executableURL = BuiltExecutable.firedrill
        process.arguments = ["serve", "--port", "\(port)", "--db", database] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["FIREDRILL_TRAINER_TOKEN"] = Self.trainer
        environment["LOG_LEVEL"] = logLevel
        process.environment = environment
        process.standardOutput = output
        if let log {
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: log)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
    }

    /// The base URL the server printed once it listens.
    func waitForAddress() throws -> String {
        var text = ""
        let handle = output.fileHandleForReading
        while !text.contains("\n") {
            let data = handle.availableData
            guard !data.isEmpty else { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) else {
            throw ServerProcessError(message: "the server did not say where it listens: \(text)")
        }
        return String(text[range])
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Freezes the process (SIGSTOP) or lets it go on (SIGCONT).
    func signal(_ signal: Int32) {
        Foundation.kill(process.processIdentifier, signal)
    }

    func terminate() {
        process.terminate()
        process.waitUntilExit()
    }
}

struct ServerProcessError: Error { var message: String }


/// Calls to the API as the trainer or with a token, over the socket.
struct API {
    let http: HTTPClient
    let base: String

    func call(_ method: HTTPMethod, _ path: String, token: String? = ServerProcess.trainer, body: [String: Any]? = nil) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await http.execute(request, timeout: .seconds(10))
        let data = try await response.body.collect(upTo: 4 << 20)
        let object = try JSONSerialization.jsonObject(with: Data(String(buffer: data).utf8))
        guard (200..<300).contains(response.status.code) else {
            throw ServerProcessError(message: "\(method) \(path): \(response.status) \(object)")
        }
        return object as? [String: Any] ?? [:]
    }

    func text(_ path: String) async throws -> String {
        var request = HTTPClientRequest(url: base + path)
        request.headers.add(name: "Authorization", value: "Bearer \(ServerProcess.trainer)")
        let response = try await http.execute(request, timeout: .seconds(10))
        return String(buffer: try await response.body.collect(upTo: 4 << 20))
    }
}

/// One player's event stream, kept across reconnects: every message received, in order.
final class PlayerStream {
    struct Message {
        var id: Int
        var type: String
        var data: [String: Any]
    }

    let drill: String
    let token: String
    private(set) var received: [Message] = []
    private var iterator: HTTPClientResponse.Body.AsyncIterator?
    private var pending = ""

    private init(drill: String, token: String) {
        self.drill = drill
        self.token = token
    }

    static func open(http: HTTPClient, base: String, drill: String, token: String, after: Int?) async throws -> PlayerStream {
        let stream = PlayerStream(drill: drill, token: token)
        try await stream.connect(http: http, base: base, after: after)
        return stream
    }

    /// Connects again after the last message received, as a browser's EventSource does.
    func reopen(http: HTTPClient, base: String) async throws -> PlayerStream {
        try await connect(http: http, base: base, after: received.last?.id)
        return self
    }

    private func connect(http: HTTPClient, base: String, after: Int?) async throws {
        var request = HTTPClientRequest(url: "\(base)/api/v1/drills/\(drill)/events?access_token=\(token)")
        if let after { request.headers.add(name: "Last-Event-ID", value: "\(after)") }
        let response = try await http.execute(request, timeout: .seconds(30))
        guard response.status == .ok else { throw ServerProcessError(message: "stream: \(response.status)") }
        iterator = response.body.makeAsyncIterator()
        pending = ""
    }

    /// Reads messages until one satisfies `condition`.
    func waitFor(_ condition: (Message) -> Bool) async throws {
        while true {
            if received.contains(where: condition) { return }
            guard try await readMore() else { throw ServerProcessError(message: "the stream ended first") }
        }
    }

    /// Reads until the connection ends (after the server died).
    func drain() async throws {
        while (try? await readMore()) == true {}
        iterator = nil
    }

    func close() async throws {
        iterator = nil
    }

    /// Reads one chunk and parses complete messages; `false` at the end of the stream.
    private func readMore() async throws -> Bool {
        guard var chunk = try await iterator?.next() else { return false }
        pending += chunk.readString(length: chunk.readableBytes) ?? ""
        while let range = pending.range(of: "\n\n") {
            let block = pending[..<range.lowerBound]
            pending.removeSubrange(..<range.upperBound)
            var id: Int?, type = "", data: [String: Any] = [:]
            for line in block.split(separator: "\n") {
                if line.hasPrefix("id: ") { id = Int(line.dropFirst(4)) }
                if line.hasPrefix("event: ") { type = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") {
                    data = (try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8))) as? [String: Any] ?? [:]
                }
            }
            if let id { received.append(Message(id: id, type: type, data: data)) }
        }
        return true
    }
}
