import FiredrillSQLite
import FiredrillStore
import FiredrillYAML
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The scenario library over the API: saving versions, conflicts, reading, comparing and
/// downloading them, bundled scenarios beside saved ones, and drills pinned to a version.
@Suite("Scenario library over the API")
struct ScenarioLibraryAPITests {
    static func body(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static let fixture = ServerHarness.scenario.replacingOccurrences(of: "id: server-fixture", with: "id: lobby-door")
    static let edited = fixture.replacingOccurrences(of: "at: 50m", with: "at: 35分")

    @Test("a new scenario is version 1; each save from the latest is the next; a stale base is a conflict and saves nothing")
    func versions() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let created = try await client.call(.post, "/api/v1/scenarios", body: Self.body(["source": Self.fixture]))
            #expect(created.status == .created, "\(created.text)")
            #expect(created.json["id"] as? String == "lobby-door" && created.json["version"] as? Int == 1)
            #expect((created.json["sha256"] as? String)?.count == 64)
            // The same id again is a conflict: the library has it.
            let again = try await client.call(.post, "/api/v1/scenarios", body: Self.body(["source": Self.fixture]))
            #expect(again.status == .conflict && again.errorCode == "scenario_exists", "\(again.text)")
            // The next version, from version 1; a Japanese duration (35分) is a duration.
            let second = try await client.call(.put, "/api/v1/scenarios/lobby-door", body: Self.body(["source": Self.edited, "base_version": 1]))
            #expect(second.status == .ok && second.json["version"] as? Int == 2, "\(second.text)")
            // Someone else's edit from version 1 now conflicts, and nothing is saved.
            let stale = try await client.call(.put, "/api/v1/scenarios/lobby-door", body: Self.body(["source": Self.fixture, "base_version": 1]))
            #expect(stale.status == .conflict && stale.errorCode == "version_conflict" && stale.text.contains("version 2"), "\(stale.text)")
            let missingBase = try await client.call(.put, "/api/v1/scenarios/lobby-door", body: Self.body(["source": Self.fixture]))
            #expect(missingBase.status == .unprocessableContent && missingBase.errorCode == "missing_base_version")
            // The id inside the source is the id in the path.
            let renamed = try await client.call(.put, "/api/v1/scenarios/other", body: Self.body(["source": Self.fixture, "base_version": 2]))
            #expect(renamed.status == .unprocessableContent && renamed.errorCode == "id_mismatch", "\(renamed.text)")
            // An invalid scenario names every problem, like validate, and saves nothing.
            let broken = Self.fixture.replacingOccurrences(of: "target: 5m", with: "target: soon")
            let invalid = try await client.call(.put, "/api/v1/scenarios/lobby-door", body: Self.body(["source": broken, "base_version": 2]))
            #expect(invalid.status == .unprocessableContent && invalid.errorCode == "invalid_scenario")
            #expect(((invalid.json["error"] as? [String: Any])?["problems"] as? [String])?.contains { $0.contains("soon") } == true, "\(invalid.text)")
            let document = try await client.call(.get, "/api/v1/scenarios/lobby-door")
            #expect(document.json["version"] as? Int == 2 && document.json["origin"] as? String == "library")
            #expect(document.json["source"] as? String == Self.edited)
            let versions = try #require(document.json["versions"] as? [[String: Any]])
            #expect(versions.map { $0["version"] as? Int } == [1, 2])
            #expect(versions.allSatisfy { ($0["saved_at"] as? String)?.hasSuffix("Z") == true })
            let first = try await client.call(.get, "/api/v1/scenarios/lobby-door/versions/1")
            #expect(first.json["source"] as? String == Self.fixture && first.json["version"] as? Int == 1)
            #expect(try await client.call(.get, "/api/v1/scenarios/lobby-door/versions/3").status == .notFound)
            #expect(try await client.call(.get, "/api/v1/scenarios/lobby-door/versions/zero").status == .badRequest)
            #expect(try await client.call(.get, "/api/v1/scenarios/no-such-thing").status == .notFound)
            // Players may not touch the library.
            let (_, tokens) = try await client.createDrill()
            let player = try #require((tokens["players"] as? [String: String])?["support"])
            #expect(try await client.call(.get, "/api/v1/scenarios", token: player).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/scenarios", token: player, body: Self.body(["source": Self.fixture])).status == .forbidden)
        }
    }

    @Test("the diff between versions shows the moved inject; the download is the exact source")
    func diffAndDownload() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            _ = try await client.call(.post, "/api/v1/scenarios", body: Self.body(["source": Self.fixture]))
            _ = try await client.call(.put, "/api/v1/scenarios/lobby-door", body: Self.body(["source": Self.edited, "base_version": 1]))
            let diff = try await client.call(.get, "/api/v1/scenarios/lobby-door/diff?from=1&to=2")
            #expect(diff.status == .ok && diff.json["added"] as? Int == 1 && diff.json["removed"] as? Int == 1, "\(diff.text)")
            let text = try #require(diff.json["diff"] as? String)
            #expect(text.contains("\n-    at: 50m\n") && text.contains("\n+    at: 35分\n"), "\(text)")
            // Without a query: the latest against the one before.
            #expect(try await client.call(.get, "/api/v1/scenarios/lobby-door/diff").json["diff"] as? String == text)
            let download = try await client.call(.get, "/api/v1/scenarios/lobby-door/source?version=1")
            #expect(download.status == .ok && download.text == Self.fixture)
            #expect(download.headers[.contentType]?.hasPrefix("application/yaml") == true)
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"lobby-door-v1.yaml\"")
        }
    }

    @Test("bundled scenarios are listed beside saved ones; saving one under its id copies it in first, as version 1")
    func bundledBesideSaved() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let list = try #require(try await client.call(.get, "/api/v1/scenarios").json["scenarios"] as? [[String: Any]])
            let bundled = try #require(list.first { $0["name"] as? String == "newsletter-brochure-leak-ja" })
            #expect(bundled["source"] as? String == "bundled" && bundled["version"] as? Int == 1 && bundled["updated_at"] is NSNull)
            #expect(bundled["id"] as? String == "newsletter-brochure-leak" && bundled["language"] as? String == "ja")
            let original = try #require(try await client.call(.get, "/api/v1/scenarios/newsletter-brochure-leak-ja").json["source"] as? String)
            // A new scenario may not take a bundled scenario's id.
            let taken = try await client.call(.post, "/api/v1/scenarios", body: Self.body(["source": original]))
            #expect(taken.status == .conflict && taken.errorCode == "scenario_exists", "\(taken.text)")
            // Its next version: the bundled text becomes version 1, the trainer's version 2.
            let changed = original.replacingOccurrences(of: "title:", with: "title: 改訂", options: [], range: original.range(of: "title:"))
            let saved = try await client.call(.put, "/api/v1/scenarios/newsletter-brochure-leak", body: Self.body(["source": changed, "base_version": 1]))
            #expect(saved.status == .ok && saved.json["version"] as? Int == 2, "\(saved.text)")
            let document = try await client.call(.get, "/api/v1/scenarios/newsletter-brochure-leak/versions/1")
            #expect(document.json["source"] as? String == original && document.json["language"] as? String == "ja")
            let after = try #require(try await client.call(.get, "/api/v1/scenarios").json["scenarios"] as? [[String: Any]])
            let library = try #require(after.first { $0["source"] as? String == "library" })
            #expect(library["id"] as? String == "newsletter-brochure-leak" && library["version"] as? Int == 2)
            #expect((library["updated_at"] as? String)?.hasSuffix("Z") == true && (library["title"] as? String)?.hasPrefix("改訂") == true)
        }
    }

    @Test("a drill is created from the library's latest version or a given one, and its record keeps that exact source")
    func drillsPinTheirVersion() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            _ = try await client.call(.post, "/api/v1/scenarios", body: Self.body(["source": Self.fixture]))
            _ = try await client.call(.put, "/api/v1/scenarios/lobby-door", body: Self.body(["source": Self.edited, "base_version": 1]))
            let latest = try await client.call(.post, "/api/v1/drills", body: Self.body(["scenario": "lobby-door"]))
            let pinned = try await client.call(.post, "/api/v1/drills", body: Self.body(["scenario": "lobby-door", "version": 1]))
            #expect(latest.status == .created && pinned.status == .created, "\(latest.text) \(pinned.text)")
            let latestRun = try harness.database.run(id: try #require(latest.json["id"] as? String))
            let pinnedRun = try harness.database.run(id: try #require(pinned.json["id"] as? String))
            #expect(latestRun.scenarioSource == Self.edited && latestRun.scenarioPath == "library:lobby-door@2")
            #expect(pinnedRun.scenarioSource == Self.fixture && pinnedRun.scenarioPath == "library:lobby-door@1")
            // A later save does not change a drill already created.
            let third = Self.edited.replacingOccurrences(of: "Door does not unlock", with: "Lobby door stuck")
            _ = try await client.call(.put, "/api/v1/scenarios/lobby-door", body: Self.body(["source": third, "base_version": 2]))
            #expect(try harness.database.run(id: latestRun.id).scenarioSource == Self.edited)
            let missing = try await client.call(.post, "/api/v1/drills", body: Self.body(["scenario": "lobby-door", "version": 9]))
            #expect(missing.status == .unprocessableContent && missing.errorCode == "unknown_version", "\(missing.text)")
            // Bundled scenarios still start by name, as before.
            let bundled = try await client.call(.post, "/api/v1/drills", body: Self.body(["scenario": "certificate-expiry-3am-ja"]))
            #expect(bundled.status == .created)
            #expect(try harness.database.run(id: try #require(bundled.json["id"] as? String)).scenarioPath == "bundled:certificate-expiry-3am-ja")
        }
    }

    @Test("a scenario exported as a workbook imports back as the same scenario; CSV in Japanese too; bad uploads are named")
    func spreadsheets() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            func upload(_ body: ByteBuffer, type: String, name: String? = nil) async throws -> Answer {
                let response = try await client.execute(
                    uri: "/api/v1/scenarios/import" + (name.map { "?name=\($0)" } ?? ""), method: .post,
                    headers: [.authorization: "Bearer \(ServerHarness.trainer)", .contentType: type], body: body
                )
                return Answer(status: response.status, headers: response.headers, text: String(buffer: response.body))
            }
            let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            let workbook = try await client.execute(
                uri: "/api/v1/scenarios/newsletter-brochure-leak-ja/msel?format=xlsx", method: .get,
                headers: [.authorization: "Bearer \(ServerHarness.trainer)"]
            )
            #expect(workbook.status == .ok && workbook.headers[.contentType] == xlsxType)
            #expect(workbook.headers[.contentDisposition] == "attachment; filename=\"newsletter-brochure-leak-v1.xlsx\"")
            #expect(workbook.body.getString(at: 0, length: 2) == "PK")
            let imported = try await upload(workbook.body, type: xlsxType, name: "plan.xlsx")
            #expect(imported.status == .ok && imported.json["valid"] as? Bool == true, "\(imported.text)")
            let source = try #require(imported.json["source"] as? String)
            let original = try #require(try await client.call(.get, "/api/v1/scenarios/newsletter-brochure-leak-ja").json["source"] as? String)
            let loader = ScenarioLoader()
            #expect(loader.load(data: Data(source.utf8), path: "a.yaml").scenario == loader.load(data: Data(original.utf8), path: "b.yaml").scenario)
            // The MSEL sheet alone, in Japanese headers, as Excel opens it.
            let csv = try await client.execute(
                uri: "/api/v1/scenarios/newsletter-brochure-leak-ja/msel?format=csv&lang=ja", method: .get,
                headers: [.authorization: "Bearer \(ServerHarness.trainer)"]
            )
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(String(buffer: csv.body).contains("件名"))
            let fromCSV = try await upload(csv.body, type: "text/csv", name: "plan.csv")
            #expect(fromCSV.status == .ok && (fromCSV.json["problems"] as? [String]) != nil, "\(fromCSV.text)")
            // Not a workbook: named, with what to do; nothing saved.
            let garbage = try await upload(ByteBuffer(string: "this is not a zip file at all"), type: xlsxType, name: "plan.xlsx")
            #expect(garbage.status == .ok && garbage.json["valid"] as? Bool == false && garbage.json["source"] is NSNull)
            #expect((garbage.json["problems"] as? [String])?.first?.hasPrefix("plan.xlsx") == true, "\(garbage.text)")
            #expect(try await upload(ByteBuffer(string: "{}"), type: "application/json").status == .unsupportedMediaType)
            #expect(try await client.call(.get, "/api/v1/scenarios/newsletter-brochure-leak/msel?format=pdf").status == .badRequest)
            #expect(try await client.call(.get, "/api/v1/scenarios").json["scenarios"] as? [Any] != nil)
        }
    }

    @Test("?lang=ja answers an import's problems in Japanese, at the same cells; a language not offered is refused")
    func spreadsheetProblemsInJapanese() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            func upload(_ text: String, query: String) async throws -> Answer {
                let response = try await client.execute(
                    uri: "/api/v1/scenarios/import?name=plan.csv" + query, method: .post,
                    headers: [.authorization: "Bearer \(ServerHarness.trainer)", .contentType: "text/csv"], body: ByteBuffer(string: text)
                )
                return Answer(status: response.status, headers: response.headers, text: String(buffer: response.body))
            }
            let csv = "番号,時刻,宛先,手段,件名\r\n1,0:05:00,全員,メール,開始\r\n2,そのうち,全員,メールー,続報\r\n"
            let japanese = try await upload(csv, query: "&lang=ja")
            let english = try await upload(csv, query: "")
            #expect(japanese.status == .ok && japanese.json["valid"] as? Bool == false, "\(japanese.text)")
            let problems = try #require(japanese.json["problems"] as? [String])
            #expect(problems.contains("plan.csv:3:2: 「時刻」：「そのうち」は経過時間として読めません。0:15:00、15:00（分:秒）、15m、20分、1h30m、+15m、T+15、D+0 H+1 M+30 のように書いてください"), "\(problems)")
            #expect(problems.contains("plan.csv:3:4: 手段「メールー」はありません。「email」の書き間違いではありませんか？"), "\(problems)")
            #expect(problems.contains { $0.hasPrefix("plan.csv: 警告：目標がありません") }, "\(problems)")
            let englishProblems = try #require(english.json["problems"] as? [String])
            #expect(englishProblems.contains("plan.csv:3:4: unknown channel \"メールー\"; did you mean \"email\"?"), "\(englishProblems)")
            #expect(problems.map { $0.prefix { $0 != " " } } == englishProblems.map { $0.prefix { $0 != " " } })
            let refused = try await upload("id,time\r\n", query: "&lang=fr")
            #expect(refused.status == .badRequest, "\(refused.text)")
        }
    }
}
