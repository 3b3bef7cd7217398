import AsyncHTTPClient
import FiredrillServer
import FiredrillStore
@testable import FiredrillSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOHTTP1
import Testing

/// A server on a scratch database, and helpers to call its API as the tests' clients.
struct ServerHarness {
    static let trainer = "trainer-token-for-tests-0123456789abcdef"

    /// A drill whose scheduled injects lie far ahead: at speed 0.01 nothing scheduled happens
    /// during a test, so what a test sees is what it did (ad-lib injects, actions).
    static let scenario = """
    firedrill: 1
    id: server-fixture
    title: Door does not unlock
    summary: The app's unlock call fails after a firmware update (TRAINER-SUMMARY).
    briefing: Customers write to support. Act as you would (PLAYER-BRIEFING).
    duration: 60m
    roles:
      - id: support
        name: Support desk
        department: Customer support
      - id: firmware-lead
        name: Firmware lead
        department: Engineering
      - id: director
        name: Director
        persona:
          channels: [phone]
          delay: 0s
          reply: Keep me posted.
    injects:
      - id: ticket
        to: [support]
        channel: ticket
        subject: My door does not unlock from the app
        at: 50m
        expect: TRAINER-ONLY-EXPECT
        notes: TRAINER-ONLY-NOTE
    objectives:
      - id: ack
        kind: acknowledge
        target: 5m
      - id: esc
        kind: escalate
        to: firmware-lead
        target: 10m
    survey:
      - How realistic was the drill?
      - question: What would you change?
        kind: text
    """

    let database: AppDatabase
    let databasePath: String

    init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        databasePath = directory.appendingPathComponent("fd.sqlite").path
        database = try AppDatabase.open(path: databasePath, durability: .normal, access: .readWrite)
    }

    func application(heartbeat: Duration = .seconds(15), configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> some ApplicationProtocol {
        try Self.application(on: database, heartbeat: heartbeat, configure: configure)
    }

    static func application(
        on database: AppDatabase, heartbeat: Duration = .seconds(15), configure: (inout ServerConfiguration) -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        var logger = Logger(label: "firedrill-test")
        logger.logLevel = .critical
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, trainerToken: trainer, heartbeatInterval: heartbeat)
        configure(&configuration)
        return try FiredrillServer.application(configuration: configuration, database: database, clock: ContinuousClock(), logger: logger)
    }
}

/// One answer, its body as JSON.
struct Answer {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
}

extension TestClientProtocol {
    func call(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = ServerHarness.trainer, body: String? = nil,
        headers: HTTPFields = [:]
    ) async throws -> Answer {
        var fields = headers
        if let token { fields[.authorization] = "Bearer \(token)" }
        if body != nil { fields[.contentType] = "application/json" }
        let response = try await execute(uri: uri, method: method, headers: fields, body: body.map { ByteBuffer(string: $0) })
        return Answer(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    /// How many reports the server has built from the record (`/metrics`).
    func reportsBuilt() async throws -> Int {
        let metrics = try await call(.get, "/metrics").text
        let line = try #require(metrics.split(separator: "\n").first { $0.hasPrefix("firedrill_reports_built_total ") })
        return try #require(Int(line.split(separator: " ").last ?? ""))
    }

    /// Creates the fixture drill at speed 0.01 and returns its id and tokens.
    func createDrill(source: String = ServerHarness.scenario) async throws -> (id: String, tokens: [String: Any]) {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["source": source, "speed": 0.01]), as: UTF8.self)
        let answer = try await call(.post, "/api/v1/drills", body: body)
        try #require(answer.status == .created, "\(answer.text)")
        return (try #require(answer.json["id"] as? String), try #require(answer.json["tokens"] as? [String: Any]))
    }
}

/// Reads a server-sent event stream with AsyncHTTPClient, message by message.
final class EventStreamReader {
    struct Message: Equatable {
        var id: Int
        var type: String
        var data: [String: String]
        var raw: String
    }

    private let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .seconds(5), read: .seconds(10))))
    private var iterator: HTTPClientResponse.Body.AsyncIterator?
    private var pending = ""
    var comments: [String] = []

    func open(port: Int, drill: String, token: String, lastEventID: Int? = nil, query: String = "") async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: "http://localhost:\(port)/api/v1/drills/\(drill)/events?access_token=\(token)\(query)")
        if let lastEventID { request.headers.add(name: "Last-Event-ID", value: "\(lastEventID)") }
        let response = try await client.execute(request, timeout: .seconds(5))
        iterator = response.body.makeAsyncIterator()
        return response
    }

    /// The next message (comments are collected on the side), or `nil` when the stream ends.
    func next() async throws -> Message? {
        while true {
            if let range = pending.range(of: "\n\n") {
                let block = String(pending[..<range.lowerBound])
                pending.removeSubrange(..<range.upperBound)
                if block.hasPrefix(":") || block.hasPrefix("retry:") {
                    comments.append(block)
                    continue
                }
                var id = -1, type = "", data: [String: String] = [:]
                for line in block.split(separator: "\n") {
                    if line.hasPrefix("id: ") { id = Int(line.dropFirst(4)) ?? -1 }
                    if line.hasPrefix("event: ") { type = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") {
                        let object = (try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8))) as? [String: Any] ?? [:]
                        data = object.mapValues { "\($0)" }
                    }
                }
                return Message(id: id, type: type, data: data, raw: block)
            }
            guard var chunk = try await iterator?.next() else { return nil }
            pending += chunk.readString(length: chunk.readableBytes) ?? ""
        }
    }

    /// Reads until a comment starting with `prefix` has come; `false` if the stream ends first.
    func waitForComment(_ prefix: String) async throws -> Bool {
        while true {
            if comments.contains(where: { $0.hasPrefix(prefix) }) { return true }
            if let range = pending.range(of: "\n\n"), pending.hasPrefix(":") || pending.hasPrefix("retry:") {
                comments.append(String(pending[..<range.lowerBound]))
                pending.removeSubrange(..<range.upperBound)
                continue
            }
            guard var chunk = try await iterator?.next() else { return false }
            pending += chunk.readString(length: chunk.readableBytes) ?? ""
        }
    }

    /// Messages until one of type `type` (included).
    func messages(through type: String) async throws -> [Message] {
        var seen: [Message] = []
        while let message = try await next() {
            seen.append(message)
            if message.type == type { return seen }
        }
        return seen
    }

    func close() async throws {
        iterator = nil
        try await client.shutdown()
    }
}
