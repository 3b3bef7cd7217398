import AsyncHTTPClient
import FiredrillCore
import FiredrillPostgres
import FiredrillStore
import FiredrillTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// PostgreSQL stops in the middle of a drill (its machine fails, it is restarted): while it is
/// away, inputs are answered 503 and nothing is recorded, `/healthz` says so; when it is
/// back the drill goes on, and nothing acknowledged is lost.
@Suite("A live drill while its PostgreSQL database stops and comes back")
struct DatabaseRestartTests {
    struct Reply {
        var status: UInt
        var json: [String: Any]
    }

    func send(_ http: HTTPClient, _ base: String, _ method: HTTPMethod, _ path: String, token: String = ServerProcess.trainer, body: [String: Any]? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        let data = try await response.body.collect(upTo: 1 << 20)
        let json = (try? JSONSerialization.jsonObject(with: Data(String(buffer: data).utf8))) as? [String: Any] ?? [:]
        return Reply(status: response.status.code, json: json)
    }

    @Test("inputs get 503 while the database is down, /healthz says so, and the drill goes on when it is back with every acknowledged action")
    func restart() async throws {
        let cluster = try PostgresCluster.dedicated()
        let db = cluster.url(try cluster.database("restart_mid_drill"))
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let server = try ServerProcess(database: db)
        let base = try server.waitForAddress()
        defer { server.terminate() }

        let created = try await send(http, base, .POST, "/api/v1/drills", body: ["source": ServerProcessTests.scenario, "speed": 1])
        let id = try #require(created.json["id"] as? String, "\(created.json)")
        let support = try #require(((created.json["tokens"] as? [String: Any])?["players"] as? [String: String])?["support"])
        #expect(try await send(http, base, .POST, "/api/v1/drills/\(id)/start").status == 200)
        var acknowledged: [Int] = []
        func act(_ text: String) async throws -> Reply {
            let reply = try await send(http, base, .POST, "/api/v1/drills/\(id)/actions", token: support, body: ["role": "support", "command": "say \(text)"])
            if reply.status == 201, let seq = reply.json["seq"] as? Int { acknowledged.append(seq) }
            return reply
        }
        #expect(try await act("before").status == 201)
        #expect(try await send(http, base, .GET, "/healthz").status == 200)

        try cluster.stop()
        let refused = try await act("while the database is away")
        #expect(refused.status == 503, "\(refused.json)")
        #expect(((refused.json["error"] as? [String: Any])?["code"] as? String) == "storage_unavailable", "\(refused.json)")
        let health = try await send(http, base, .GET, "/healthz")
        #expect(health.status == 503, "\(health.json)")

        try cluster.start()
        #expect(try await send(http, base, .GET, "/healthz").status == 200)
        let after = try await act("after")
        #expect(after.status == 201, "\(after.json)")
        #expect(try await send(http, base, .POST, "/api/v1/drills/\(id)/end").status == 200)

        let store = try PostgresStore.open(try PostgresAddress(url: db), access: .readOnly)
        defer { try? store.close() }
        let events = try store.events(runID: id)
        let texts = events.compactMap { event -> String? in
            if case .action(let action) = event.kind { return action.text }
            return nil
        }
        #expect(texts == ["before", "after"], "nothing of the refused action is recorded")
        #expect(acknowledged.allSatisfy { seq in events.contains { $0.sequence == seq } })
        #expect(try store.verify(runID: id).isIntact)
        try await http.shutdown()
    }
}
