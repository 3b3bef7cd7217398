@testable import FiredrillServer
import Logging
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The OpenAPI document and the authorization matrix")
struct OpenAPIContractTests {
    /// Every route the server's router has registered, as `METHOD /path/{param}` (Hummingbird
    /// writes a `:param` as `{param}`, as OpenAPI does).
    static func registeredRoutes(_ harness: ServerHarness) throws -> Set<String> {
        let configuration = ServerConfiguration(trainerToken: ServerHarness.trainer)
        let tokens = TokenCache(trainerToken: ServerHarness.trainer, stored: [])
        let metrics = ServerMetrics()
        var logger = Logger(label: "routes")
        logger.logLevel = .critical
        let registry = DrillRegistry(database: harness.database, clock: ContinuousClock(), tokens: tokens, metrics: metrics, logger: logger)
        let parts = ServerParts(
            registry: registry, database: harness.database, tokens: tokens, metrics: metrics, configuration: configuration, boundPort: BoundPort(),
            reports: ReportShelf(metrics: metrics)
        )
        return Set(FiredrillServer.makeRouter(parts).routes.map { "\($0.method.rawValue) \($0.path.description)" })
    }

    @Test func theServedDocumentDescribesExactlyTheRoutesThereAre() async throws {
        let harness = try ServerHarness()
        let registered = try Self.registeredRoutes(harness)
        #expect(registered.contains("GET /api/v1/drills/{id}/events") && registered.contains("GET /"), "\(registered.sorted())")
        try await harness.application().test(.router) { client in
            let answer = try await client.call(.get, "/openapi.json", token: nil)
            #expect(answer.status == .ok)
            #expect(answer.json["openapi"] as? String == "3.1.0")
            let paths = try #require(answer.json["paths"] as? [String: [String: Any]])
            var documented: Set<String> = []
            for (path, item) in paths {
                for method in item.keys where ["get", "head", "post", "put", "patch", "delete"].contains(method) {
                    documented.insert("\(method.uppercased()) \(path)")
                }
            }
            #expect(documented.subtracting(registered).sorted() == [], "documented but not served")
            #expect(registered.subtracting(documented).sorted() == [], "served but not documented")
        }
    }

    /// Every API endpoint × every kind of caller: those the contract allows get past
    /// authorization (whatever the answer to their empty body); the others get 401 (no or
    /// an unknown token), 403 (a kind that may not) or 404 (a token of another drill).
    @Test func everyEndpointAgainstEveryKindOfToken() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, tokens) = try await client.createDrill()
            let (_, otherTokens) = try await client.createDrill()
            let players = try #require(tokens["players"] as? [String: String])
            func serverToken(_ kind: String) async throws -> String? {
                try await client.call(.post, "/api/v1/tokens", body: #"{"kind": "\#(kind)"}"#).json["token"] as? String
            }
            let committee = try #require(try await serverToken("committee"))
            let reporter = try #require(try await serverToken("reporter"))
            let callers: [(String, String?)] = [
                ("committee", committee), ("reporter", reporter),
                ("none", nil), ("unknown", "fdp_unknown-token-0000000000000000000000000"),
                ("trainer", ServerHarness.trainer), ("evaluator", tokens["evaluator"] as? String),
                ("observer", tokens["observer"] as? String), ("player", players["support"]),
                ("other-drill", otherTokens["evaluator"] as? String),
                ("other-drill", otherTokens["observer"] as? String),
                ("other-drill", (otherTokens["players"] as? [String: String])?["support"]),
            ]
            let all: Set<String> = ["trainer", "evaluator", "observer", "player"]
            let staff: Set<String> = ["trainer", "committee"]
            let endpoints: [(HTTPRequest.Method, String, Set<String>)] = [
                (.get, "/api/v1/scenarios", ["trainer"]),
                (.get, "/api/v1/session", all.union(["other-drill", "committee", "reporter"])),
                (.post, "/api/v1/scenarios/validate", ["trainer"]),
                (.post, "/api/v1/scenarios", ["trainer"]),
                (.post, "/api/v1/scenarios/convert", ["trainer"]),
                (.post, "/api/v1/scenarios/import", ["trainer"]),
                (.get, "/api/v1/scenarios/newsletter-brochure-leak/msel", ["trainer"]),
                (.get, "/api/v1/scenarios/newsletter-brochure-leak", ["trainer"]),
                (.put, "/api/v1/scenarios/newsletter-brochure-leak", ["trainer"]),
                (.get, "/api/v1/scenarios/newsletter-brochure-leak/versions/1", ["trainer"]),
                (.get, "/api/v1/scenarios/newsletter-brochure-leak/diff", ["trainer"]),
                (.get, "/api/v1/scenarios/newsletter-brochure-leak/source", ["trainer"]),
                (.get, "/api/v1/drills", staff),
                (.get, "/api/v1/history", staff),
                (.get, "/api/v1/trends", staff),
                (.get, "/api/v1/exports", staff),
                (.get, "/api/v1/actions", staff),
                (.post, "/api/v1/actions", staff),
                (.post, "/api/v1/actions/1/close", staff),
                (.post, "/api/v1/near-misses", staff.union(["reporter"])),
                (.get, "/api/v1/near-misses", staff),
                (.get, "/api/v1/near-misses/backlog", staff),
                (.get, "/api/v1/near-misses/digest", staff),
                (.put, "/api/v1/near-misses/digest/2026-12", staff),
                (.post, "/api/v1/tokens", ["trainer"]),
                (.get, "/api/v1/tokens", ["trainer"]),
                (.delete, "/api/v1/tokens/tok-none", ["trainer"]),
                (.post, "/api/v1/drills", ["trainer"]),
                (.get, "/api/v1/drills/\(id)", all.union(["committee"])),
                (.post, "/api/v1/drills/\(id)/start", ["trainer"]),
                (.post, "/api/v1/drills/\(id)/pause", ["trainer"]),
                (.post, "/api/v1/drills/\(id)/resume", ["trainer"]),
                (.post, "/api/v1/drills/\(id)/speed", ["trainer"]),
                (.post, "/api/v1/drills/\(id)/injects", ["trainer"]),
                (.post, "/api/v1/drills/\(id)/actions", ["trainer", "player"]),
                (.post, "/api/v1/drills/\(id)/observations", ["trainer", "evaluator"]),
                (.post, "/api/v1/drills/\(id)/me", ["evaluator", "observer", "player"]),
                (.post, "/api/v1/drills/\(id)/tokens", ["trainer"]),
                (.get, "/api/v1/drills/\(id)/tokens", ["trainer"]),
                (.delete, "/api/v1/drills/\(id)/tokens/tok-none", ["trainer"]),
                (.get, "/api/v1/drills/\(id)/report", ["trainer", "evaluator", "observer", "committee"]),
                (.get, "/api/v1/drills/\(id)/progress", ["trainer", "evaluator", "observer", "committee"]),
                (.post, "/api/v1/drills/\(id)/survey", ["player"]),
                (.get, "/api/v1/drills/\(id)/quiz", ["player"]),
                (.post, "/api/v1/drills/\(id)/quiz", ["player"]),
                (.get, "/api/v1/drills/\(id)/adjudications", ["trainer", "evaluator"]),
                (.post, "/api/v1/drills/\(id)/adjudications", ["trainer", "evaluator"]),
                (.post, "/api/v1/drills/\(id)/next", ["trainer"]),
                (.post, "/api/v1/drills/\(id)/end", ["trainer"]),
                // Allowed callers would open an endless stream here; only refusals are checked.
                (.get, "/api/v1/drills/\(id)/events", []),
            ]
            for (method, path, allowed) in endpoints {
                for (kind, token) in callers {
                    if path.hasSuffix("/events") && (all.contains(kind) || kind == "committee") && kind != "other-drill" { continue }
                    let body: String? = method == .post || method == .put ? "{}" : nil
                    let answer = try await client.call(method, path, token: token, body: body)
                    let code = answer.errorCode
                    let refused = answer.status == .unauthorized || (answer.status == .forbidden && code == "forbidden")
                        || (answer.status == .notFound && code == "drill_not_found")
                    let drillScoped = path.contains("/drills/")
                    switch kind {
                    case "none", "unknown":
                        #expect(answer.status == .unauthorized, "\(method) \(path) as \(kind): \(answer.status)")
                    case "other-drill" where drillScoped:
                        #expect(answer.status == .notFound && code == "drill_not_found", "\(method) \(path) as \(kind): \(answer.status)")
                    case _ where allowed.contains(kind):
                        #expect(!refused && answer.status != .internalServerError, "\(method) \(path) as \(kind): \(answer.status) \(answer.text)")
                    default:
                        #expect(answer.status == .forbidden, "\(method) \(path) as \(kind): \(answer.status) \(answer.text)")
                    }
                }
            }
        }
    }
}
