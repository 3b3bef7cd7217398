import AsyncHTTPClient
import FiredrillCore
import FiredrillStore
@testable import FiredrillSQLite
import FiredrillTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// Clients that break HTTP, trickle, stop half-way or stop reading, on a real socket of a
/// `firedrill serve` process: each gets a clear answer or is disconnected, and none becomes a
/// server error. (A server in the test process would share its sockets with the children
/// other tests spawn, which keep a closed connection open.)
@Suite("Connections that misbehave")
struct ConnectionTests {
    /// A server process on a new database, with a drill started, and what a test needs of it.
    struct Running {
        let server: LiveProcess
        let api: API
        let port: Int
        let drill: String
        let tokens: [String: Any]
        let database: String

        func metric(_ name: String) async throws -> Double? {
            var request = HTTPClientRequest(url: api.base + "/metrics")
            request.method = .GET
            let response = try await api.http.execute(request, timeout: .seconds(10))
            let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
            return text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ").last ?? "") }
        }

        func actionRequest(headers: String) -> String {
            "POST /api/v1/drills/\(drill)/actions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(ServerProcess.trainer)\r\n"
                + "Content-Type: application/json\r\n\(headers)\r\n"
        }

        func actionsRecorded() throws -> Int {
            try AppDatabase.open(path: database, access: .readOnly).storedEvents(runID: drill).filter { $0.event.typeName == "action" }.count
        }
    }

    static func withServer(arguments: [String] = [], _ body: (Running) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-connections-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = directory.appendingPathComponent("fd.sqlite").path
        let (server, base) = try ServerLimitsTests.serve(database: database, arguments: arguments)
        defer { server.kill() }
        try await ServerLimitsTests.withHTTPClient { http in
            let api = API(http: http, base: base)
            let created = try await api.call(.POST, "/api/v1/drills", body: ["source": ServerProcessTests.scenario])
            let drill = try #require(created["id"] as? String)
            _ = try await api.call(.POST, "/api/v1/drills/\(drill)/start")
            let port = try #require(Int(base.split(separator: ":").last ?? ""))
            try await body(Running(
                server: server, api: api, port: port, drill: drill, tokens: try #require(created["tokens"] as? [String: Any]), database: database
            ))
        }
    }

    @Test("a malformed chunked body is a 400 in JSON with the security headers, closing the connection, not a server error")
    func malformedChunkedBody() async throws {
        try await Self.withServer { running in
            let connection = try RawConnection(port: running.port)
            connection.send(running.actionRequest(headers: "Transfer-Encoding: chunked\r\n") + "-5\r\nhello\r\n0\r\n\r\n")
            let answer = connection.readToEnd()
            #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer.prefix(300))")
            #expect(answer.contains(#""code":"bad_request""#), "\(answer)")
            let headers = answer.lowercased()
            #expect(headers.contains("content-security-policy:") && headers.contains("x-content-type-options: nosniff") && headers.contains("connection: close"))
            #expect(try await running.metric("firedrill_server_errors_total") == 0)
            #expect(try running.actionsRecorded() == 0, "nothing was recorded")
        }
    }

    @Test("a client that goes away in the middle of its body leaves no server error and no record")
    func disconnectMidBody() async throws {
        try await Self.withServer { running in
            let before = try await running.metric("firedrill_connections_open") ?? -1
            do {
                let connection = try RawConnection(port: running.port)
                connection.send(running.actionRequest(headers: "Content-Length: 200\r\n") + #"{"role": "support", "comm"#)
            } // closed here, 180 bytes short
            // The server has noticed once the connection no longer counts.
            var open = try await running.metric("firedrill_connections_open")
            for _ in 0..<200 where open != before { open = try await running.metric("firedrill_connections_open") }
            #expect(open == before)
            #expect(try await running.metric("firedrill_server_errors_total") == 0)
            #expect(try running.actionsRecorded() == 0)
        }
    }

    @Test("a body that trickles in is cut off at the body deadline; a quick request on the same server is answered")
    func slowBodyIsCutOff() async throws {
        try await Self.withServer(arguments: ["--body-timeout", "1"]) { running in
            let connection = try RawConnection(port: running.port)
            connection.send(running.actionRequest(headers: "Content-Length: 100000\r\n") + "{")
            // Nothing more is sent: the server closes the connection (the safety timeout of the
            // read is 30 s, far beyond the deadline; nothing here measures time).
            #expect(connection.waitUntilClosed(), "the connection stayed open")
            #expect(try await running.api.call(.GET, "/api/v1/drills/\(running.drill)")["id"] as? String == running.drill)
            #expect(try await running.metric("firedrill_server_errors_total") == 0)
        }
    }

    @Test("an event stream whose client stops reading is dropped and its connection closed; it stops counting as open")
    func stalledStreamIsClosed() async throws {
        try await Self.withServer { running in
            let observer = try #require(running.tokens["observer"] as? String)
            let stalled = try RawConnection(port: running.port, receiveBuffer: 4_096)
            stalled.send("GET /api/v1/drills/\(running.drill)/events?access_token=\(observer) HTTP/1.1\r\nHost: localhost\r\n\r\n")
            _ = stalled.read(until: ": caught up")
            #expect(try await running.metric("firedrill_event_streams_open") == 1)
            // Ad-lib injects of 19 kB each, far more than the hub lets a stream hold unread.
            let body = String(repeating: "x", count: 19_000)
            var dropped = false
            for _ in 0..<200 where !dropped {
                _ = try await running.api.call(.POST, "/api/v1/drills/\(running.drill)/injects", body: ["to": "all", "channel": "chat", "subject": "Load", "body": body])
                dropped = try await running.metric("firedrill_event_streams_dropped_total") == 1
            }
            #expect(dropped, "the stalled stream was never dropped")
            #expect(stalled.waitUntilClosed(), "the dropped stream's connection stayed open")
            var open = try await running.metric("firedrill_event_streams_open")
            for _ in 0..<200 where open != 0 { open = try await running.metric("firedrill_event_streams_open") }
            #expect(open == 0)
        }
    }
}
