import FiredrillCore
@testable import FiredrillSQLite
@testable import FiredrillServer
import FiredrillStore
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// The near-miss register over the API: a reporter link submits (anonymously unless it says
/// otherwise) and reads nothing; the trainer and the committee read the register ranked by
/// priority, the backlog and the digest, and mark the month's most valuable near miss.
@Suite("The near-miss register over the API")
struct NearMissAPITests {
    static func body(_ object: [String: Any]) -> String { CommitteeAPITests.body(object) }

    static var today: String {
        NearMissesController<ContinuousClock>.today().description
    }

    static func report(_ title: String, tags: [String], impact: Int = 3, daysAgo: Int = 1, extra: [String: Any] = [:]) -> String {
        let day = NearMissesController<ContinuousClock>.today() - daysAgo
        return body(["title": title, "what_happened": "送信の直前に、添付ファイルが承認前の版だと気づいた。", "tags": tags,
                     "impact": impact, "occurred_on": day.description].merging(extra) { $1 })
    }

    @Test("a reporter link submits anonymously and nothing of it is stored: no name, no token, no time of day; it reads nothing")
    func anonymousReport() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let issued = try await client.call(.post, "/api/v1/tokens", body: #"{"kind": "reporter", "name": "全社ヒヤリハット窓口"}"#)
            let reporter = try #require(issued.json["token"] as? String)
            let tokenID = try #require(issued.json["id"] as? String)
            let sent = try await client.call(.post, "/api/v1/near-misses", token: reporter, body: Self.report("誤った添付ファイルを送信しかけた", tags: ["ＮＥＷＳＬＥＴＴＥＲ", "email"]))
            #expect(sent.status == .created, "\(sent.text)")
            #expect(sent.json["anonymous"] as? Bool == true && sent.json["reported_on"] as? String == Self.today)
            // The row holds the report and the day; nothing that leads back to its author.
            let row = try #require(try harness.database.read { db in try Row.fetchOne(db, sql: "SELECT * FROM near_miss") })
            #expect(row["name"] as String? == nil && row["reported_on"] as String == Self.today)
            let stored = row.columnNames.map { "\(row[$0] ?? "")" }.joined(separator: "|")
            #expect(!stored.contains(tokenID) && !stored.contains(reporter) && !stored.contains("127.0.0.1"), "\(stored)")
            #expect(Set(row.columnNames) == ["id", "title", "what_happened", "tags", "impact", "occurred_on", "name", "reported_on"])
            // A reporter may only submit.
            for path in ["/api/v1/near-misses", "/api/v1/near-misses/backlog", "/api/v1/near-misses/digest", "/api/v1/history", "/api/v1/actions"] {
                #expect(try await client.call(.get, path, token: reporter).status == .forbidden, "\(path)")
            }
            // A named report keeps the name it was given, and only that.
            let named = try await client.call(.post, "/api/v1/near-misses", token: reporter,
                                              body: Self.report("証明書の期限切れに気づいた", tags: ["tls"], extra: ["anonymous": false, "name": "田中 一郎"]))
            #expect(named.status == .created && named.json["anonymous"] as? Bool == false, "\(named.text)")
            let list = try #require(try await client.call(.get, "/api/v1/near-misses").json["near_misses"] as? [[String: Any]])
            #expect(list.count == 2)
            #expect(list.first { $0["title"] as? String == "証明書の期限切れに気づいた" }?["name"] as? String == "田中 一郎")
            #expect(list.first { $0["title"] as? String == "誤った添付ファイルを送信しかけた" }?.keys.contains("name") == false)
        }
    }

    @Test("the register: frequency, staleness and priority, covered by the bundled scenarios' tags; the backlog ranks tags")
    func register() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let committee = try #require(try await client.call(.post, "/api/v1/tokens", body: #"{"kind": "committee"}"#).json["token"] as? String)
            for (title, tags, impact) in [("A", ["TLS"], 4), ("B", ["tls", "pki"], 2), ("C", ["社内wiki"], 5)] {
                #expect(try await client.call(.post, "/api/v1/near-misses", token: committee, body: Self.report(title, tags: tags, impact: impact)).status == .created)
            }
            let answer = try await client.call(.get, "/api/v1/near-misses", token: committee)
            #expect(answer.status == .ok, "\(answer.text)")
            let entries = try #require(answer.json["near_misses"] as? [[String: Any]])
            #expect(answer.json["total"] as? Int == 3)
            // A: frequency 2 (B shares tls) × impact 4 × never drilled live 3 = 24; C: 1 × 5 × not covered 3 = 15; B: 2 × 2 × 3 = 12.
            #expect(entries.map { $0["title"] as? String } == ["A", "C", "B"], "\(answer.text)")
            #expect(entries.map { $0["priority"] as? Int } == [24, 15, 12])
            #expect(entries.map { $0["frequency"] as? Int } == [2, 1, 2])
            #expect(entries.map { $0["staleness"] as? Int } == [3, 3, 3])
            let covered = try #require(entries[0]["covered_by"] as? [[String: Any]])
            #expect(covered.map { $0["scenario"] as? String } == ["certificate-expiry-3am"], "\(covered)")
            #expect(covered.first?["last_drilled_at"] is NSNull)
            #expect((entries[1]["covered_by"] as? [Any])?.isEmpty == true)
            let filtered = try await client.call(.get, "/api/v1/near-misses?tag=%EF%BC%B4%EF%BC%AC%EF%BC%B3&limit=1")   // ＴＬＳ
            #expect(filtered.json["total"] as? Int == 2 && (filtered.json["near_misses"] as? [Any])?.count == 1, "\(filtered.text)")

            let backlog = try #require(try await client.call(.get, "/api/v1/near-misses/backlog", token: committee).json["backlog"] as? [[String: Any]])
            #expect(backlog.map { $0["tag"] as? String } == ["TLS", "社内wiki", "pki"], "\(backlog)")
            #expect(backlog[0]["entry_count"] as? Int == 2 && backlog[0]["priority"] as? Int == 24)
            #expect((backlog[0]["covered_by"] as? [[String: Any]])?.first?["scenario"] as? String == "certificate-expiry-3am")
        }
    }

    @Test("the digest of a month and the committee's most valuable near miss")
    func digest() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let first = try #require(try await client.call(.post, "/api/v1/near-misses", body: Self.report("A", tags: ["email"])).json["id"] as? Int)
            _ = try await client.call(.post, "/api/v1/near-misses", body: Self.report("B", tags: ["email", "web"]))
            let month = String(Self.today.prefix(7))
            let digest = try await client.call(.get, "/api/v1/near-misses/digest")
            #expect(digest.status == .ok && digest.json["month"] as? String == month && digest.json["count"] as? Int == 2, "\(digest.text)")
            #expect((digest.json["tags"] as? [[String: Any]])?.first?["tag"] as? String == "email")
            #expect(digest.json["most_valuable"] == nil)
            let picked = try await client.call(.put, "/api/v1/near-misses/digest/\(month)", body: #"{"most_valuable": \#(first)}"#)
            #expect(picked.status == .ok && (picked.json["most_valuable"] as? [String: Any])?["id"] as? Int == first, "\(picked.text)")
            let list = try #require(try await client.call(.get, "/api/v1/near-misses").json["near_misses"] as? [[String: Any]])
            #expect(list.first { $0["id"] as? Int == first }?["most_valuable_of"] as? String == month)
            #expect(try await client.call(.put, "/api/v1/near-misses/digest/2001-01", body: #"{"most_valuable": \#(first)}"#).errorCode == "unknown_near_miss")
            #expect(try await client.call(.put, "/api/v1/near-misses/digest/\(month)", body: #"{"most_valuable": 999}"#).status == .unprocessableContent)
            #expect(try await client.call(.put, "/api/v1/near-misses/digest/2026-13", body: #"{"most_valuable": null}"#).status == .badRequest)
            #expect(try await client.call(.get, "/api/v1/near-misses/digest?month=12-2026").status == .badRequest)
            let cleared = try await client.call(.put, "/api/v1/near-misses/digest/\(month)", body: #"{"most_valuable": null}"#)
            #expect(cleared.status == .ok && cleared.json["most_valuable"] == nil)
            let old = try await client.call(.get, "/api/v1/near-misses/digest?month=2001-01")
            #expect(old.json["count"] as? Int == 0)
        }
    }

    @Test("bad input is refused naming the field; nothing is recorded", arguments: [
        ("impact", "6", "impact"), ("impact", "0", "impact"), ("title", #""a\u001b[31m""#, "title"), ("title", #""   ""#, "title"),
        ("what_happened", "\"" + String(repeating: "あ", count: 4_001) + "\"", "what_happened"), ("occurred_on", #""2026/12/01""#, "occurred_on"),
        ("occurred_on", #""2999-01-01""#, "occurred_on"), ("name", #""田中""#, "name"), ("anonymous", "false", "name"),
        ("tags", #"["t1","t2","t3","t4","t5","t6","t7","t8","t9"]"#, "tags"), ("tags", #"["a\nb"]"#, "tags"),
    ])
    func badInput(key: String, json: String, field: String) async throws {
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
        let body = Self.report("x", tags: ["a"], extra: [key: value])
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let answer = try await client.call(.post, "/api/v1/near-misses", body: body)
            #expect(answer.status == .unprocessableContent && answer.errorCode == "invalid_near_miss", "\(answer.text)")
            #expect(answer.text.contains("'\(field)'"), "\(answer.text)")
            #expect(try await client.call(.get, "/api/v1/near-misses").json["total"] as? Int == 0)
        }
    }

    @Test("a body that is not a near miss is 400; over 64 KB is 413")
    func malformed() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let missing = try await client.call(.post, "/api/v1/near-misses", body: #"{"title": "x"}"#)
            #expect(missing.status == .badRequest && missing.text.contains("what_happened"), "\(missing.text)")
            let wrongType = try await client.call(.post, "/api/v1/near-misses", body: #"{"title": "x", "what_happened": "y", "impact": "high", "occurred_on": "2026-12-01"}"#)
            #expect(wrongType.status == .badRequest && wrongType.text.contains("impact"), "\(wrongType.text)")
            let huge = try await client.call(.post, "/api/v1/near-misses", body: Self.report(String(repeating: "x", count: 70_000), tags: []))
            #expect(huge.status == .contentTooLarge && huge.text.contains("64 KB"), "\(huge.text)")
        }
    }

    @Test("submissions are limited per link: the next one is 429 and recorded nothing")
    func rateLimit() async throws {
        let harness = try ServerHarness()
        let app = try harness.application { configuration in
            configuration.nearMissLimit = .init(perPrefix: ["token:": 3, "address:": 100, "trainer": 100], window: .seconds(3600))
        }
        try await app.test(.router) { client in
            let reporter = try #require(try await client.call(.post, "/api/v1/tokens", body: #"{"kind": "reporter"}"#).json["token"] as? String)
            for index in 0..<3 {
                #expect(try await client.call(.post, "/api/v1/near-misses", token: reporter, body: Self.report("r\(index)", tags: [])).status == .created)
            }
            let limited = try await client.call(.post, "/api/v1/near-misses", token: reporter, body: Self.report("r4", tags: []))
            #expect(limited.status == .tooManyRequests && limited.errorCode == "too_many_reports", "\(limited.text)")
            // Another link is not limited by this one.
            let other = try #require(try await client.call(.post, "/api/v1/tokens", body: #"{"kind": "reporter"}"#).json["token"] as? String)
            #expect(try await client.call(.post, "/api/v1/near-misses", token: other, body: Self.report("o", tags: [])).status == .created)
            #expect(try await client.call(.get, "/api/v1/near-misses").json["total"] as? Int == 4)
        }
    }

    @Test("the limiter: a window per key, counted only when every key may, forgotten after the window")
    func limiter() {
        let start = ContinuousClock.now
        let offset = Mutex(Duration.zero)
        let limiter = SubmissionLimiter(limit: .init(perPrefix: ["token:": 5, "address:": 2], window: .seconds(60)),
                                        now: { start + offset.withLock { $0 } })
        #expect(limiter.admit(keys: ["token:a", "address:1"]) == nil)
        #expect(limiter.admit(keys: ["token:a", "address:1"]) == nil)
        let wait = limiter.admit(keys: ["token:a", "address:1"])
        #expect(wait != nil && wait! <= 61)
        #expect(limiter.admit(keys: ["token:a", "address:2"]) == nil, "another address with the same link")
        offset.withLock { $0 = .seconds(61) }
        #expect(limiter.admit(keys: ["token:a", "address:1"]) == nil)
    }
}
