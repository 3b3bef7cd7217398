import AsyncHTTPClient
import FiredrillTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// `firedrill serve` as a process, at the edges an operator meets: a low open-file limit with
/// many drills recorded and a flood of idle connections, and a log at its most verbose.
@Suite("The server process at its limits")
struct ServerLimitsTests {
    static func serve(database: String, arguments extra: [String] = [], environment: [String: String] = [:], fileLimit: Int? = nil) throws -> (LiveProcess, String) {
        var arguments = ["serve", "--port", "0", "--db", database] + extra
        var executable = BuiltExecutable.firedrill
        if let fileLimit {
            arguments = ["--nofile=\(fileLimit):\(fileLimit)", executable.path] + arguments
            executable = URL(fileURLWithPath: "/usr/bin/prlimit")
        }
        let process = try LiveProcess(
            executable: executable, arguments: arguments,
            environment: ["FIREDRILL_TRAINER_TOKEN": ServerProcess.trainer, "LOG_LEVEL": "error"].merging(environment) { _, given in given }
        )
        guard process.waitFor("listening on http://"),
              let range = process.text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) else {
            process.kill()
            throw ServerProcessError(message: "the server did not start: \(process.text)")
        }
        return (process, String(process.text[range]))
    }

    @Test("with 300 drills recorded, a few running, and an open-file limit of 256: the server starts, and /healthz answers through 300 idle connections")
    func manyDrillsAndIdleConnections() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let db = directory.appendingPathComponent("fd.sqlite").path
        try await Self.withHTTPClient { http in try await manyDrills(db: db, http: http) }
    }

    static func withHTTPClient(redirects: Bool = true, _ body: (HTTPClient) async throws -> Void) async throws {
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: redirects ? nil : .disallow))
        do {
            try await body(http)
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    func manyDrills(db: String, http: HTTPClient) async throws {
        // A first server records 300 drills: five started, two of them ended.
        let (first, base) = try Self.serve(database: db)
        let api = API(http: http, base: base)
        var ids: [String] = []
        for _ in 0..<300 {
            ids.append(try #require(try await api.call(.POST, "/api/v1/drills", body: ["scenario": "certificate-expiry-3am"])["id"] as? String))
        }
        for id in ids.prefix(5) { _ = try await api.call(.POST, "/api/v1/drills/\(id)/start") }
        for id in ids.prefix(2) { _ = try await api.call(.POST, "/api/v1/drills/\(id)/end") }
        first.process.terminate()
        first.process.waitUntilExit()

        // The same database under a limit of 256 open files.
        let (server, limitedBase) = try Self.serve(database: db, fileLimit: 256)
        defer { server.kill() }
        let limited = API(http: http, base: limitedBase)
        let port = try #require(Int(limitedBase.split(separator: ":").last ?? ""))
        var idle: [RawConnection] = []
        for _ in 0..<300 { idle.append(try RawConnection(port: port)) }
        var health = HTTPClientRequest(url: limitedBase + "/healthz")
        health.method = .GET
        let answer = try await http.execute(health, timeout: .seconds(20))
        #expect(answer.status == .ok)
        // The drills are all there, and a running one goes on.
        let drill = try await limited.call(.GET, "/api/v1/drills/\(ids[3])")
        #expect(drill["status"] as? String == "interrupted")
        #expect(try await limited.call(.POST, "/api/v1/drills/\(ids[3])/resume")["status"] as? String == "running")
        let listed = try await limited.call(.GET, "/api/v1/drills")
        #expect((listed["drills"] as? [Any])?.count ?? 0 >= 50)
        idle.removeAll()
    }

    @Test("at LOG_LEVEL=trace, no token appears in the log: not the trainer's, nor those in links, streams and requests")
    func noSecretInTheLog() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try await Self.withHTTPClient(redirects: false) { http in
            try await logIsFreeOfSecrets(db: directory.appendingPathComponent("fd.sqlite").path, http: http)
        }
    }

    func logIsFreeOfSecrets(db: String, http: HTTPClient) async throws {
        let (server, base) = try Self.serve(database: db, environment: ["LOG_LEVEL": "trace"])
        let api = API(http: http, base: base)
        let created = try await api.call(.POST, "/api/v1/drills", body: ["scenario": "certificate-expiry-3am"])
        let id = try #require(created["id"] as? String)
        let tokens = try #require(created["tokens"] as? [String: Any])
        let players = try #require(tokens["players"] as? [String: String])
        let secrets = [ServerProcess.trainer, try #require(tokens["evaluator"] as? String), try #require(tokens["observer"] as? String)] + players.values
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/start")
        let (role, player) = try #require(players.first)
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/actions", token: player, body: ["role": role, "command": "ack seen"])
        // A sign-in link and an event stream carry the token in the address.
        _ = try await http.execute(HTTPClientRequest(url: "\(base)/join/\(player)"), timeout: .seconds(10))
        let stream = try await http.execute(HTTPClientRequest(url: "\(base)/api/v1/drills/\(id)/events?access_token=\(player)"), timeout: .seconds(10))
        var body = stream.body.makeAsyncIterator()
        _ = try await body.next()
        _ = try await api.call(.POST, "/api/v1/drills/\(id)/end")
        server.process.terminate()
        server.process.waitUntilExit()
        let log = server.text
        #expect(log.contains("trace") || log.contains("debug"), "the log is verbose: \(log.prefix(300))")
        for secret in secrets {
            #expect(!log.contains(secret), "a token is in the log")
            #expect(!log.contains(String(secret.suffix(20))), "part of a token is in the log")
        }
    }
}
