import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `?lang=ja`: a scenario's problems in Japanese wherever the API names them (validate, the
/// library's saves, a drill made from scenario text), at the same positions as in English.
@Suite("Scenario problems in Japanese over the API")
struct ValidationLanguageAPITests {
    static func body(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Two problems: a misspelt key (line 4) and a duration that is not one (line 6).
    static let broken = ServerHarness.scenario
        .replacingOccurrences(of: "summary: ", with: "summery: ")
        .replacingOccurrences(of: "duration: 60m", with: "duration: an hour")

    static func problems(_ answer: Answer) -> [String] {
        (answer.json["problems"] as? [String]) ?? ((answer.json["error"] as? [String: Any])?["problems"] as? [String]) ?? []
    }

    /// `upload:4:1:` of `upload:4:1: message`.
    static func positions(_ problems: [String]) -> [String] {
        problems.map { line in String(line.prefix { $0 != " " }) }
    }

    @Test func validateAnswersInTheAskedLanguage() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let english = try await client.call(.post, "/api/v1/scenarios/validate", body: Self.body(["source": Self.broken]))
            let japanese = try await client.call(.post, "/api/v1/scenarios/validate?lang=ja", body: Self.body(["source": Self.broken]))
            let explicit = try await client.call(.post, "/api/v1/scenarios/validate?lang=en", body: Self.body(["source": Self.broken]))
            #expect(english.status == .ok && japanese.status == .ok, "\(japanese.text)")
            #expect(japanese.json["valid"] as? Bool == false)
            let en = Self.problems(english), ja = Self.problems(japanese)
            #expect(en.count == 2 && Self.problems(explicit) == en, "\(english.text)")
            #expect(Self.positions(ja) == Self.positions(en) && Self.positions(en) == ["upload:4:1:", "upload:6:11:"], "\(japanese.text)")
            #expect(en[0].hasPrefix("upload:4:1: unknown key 'summery' in the scenario; did you mean 'summary'?"))
            #expect(ja[0].hasPrefix("upload:4:1: シナリオに「summery」というキーはありません。「summary」の書き間違いではありませんか？"), "\(ja[0])")
            #expect(ja[1].hasPrefix("upload:6:11: 「duration」（訓練時間）の「an hour」は時間として読めません。"), "\(ja[1])")
            // Anything but en or ja is refused, before the body is read.
            let french = try await client.call(.post, "/api/v1/scenarios/validate?lang=fr", body: Self.body(["source": Self.broken]))
            #expect(french.status == .badRequest && french.errorCode == "bad_request", "\(french.text)")
        }
    }

    @Test func savesAndDrillsNameProblemsInTheAskedLanguage() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let saved = try await client.call(.post, "/api/v1/scenarios?lang=ja", body: Self.body(["source": Self.broken]))
            #expect(saved.status == .unprocessableContent && saved.errorCode == "invalid_scenario", "\(saved.text)")
            #expect((saved.json["error"] as? [String: Any])?["message"] as? String == "シナリオに 2 件の問題があるため、保存しませんでした。直してからもう一度保存してください")
            #expect(Self.problems(saved).first?.hasPrefix("new scenario:4:1: シナリオに「summery」というキーはありません") == true, "\(saved.text)")

            let fixture = ServerHarness.scenario.replacingOccurrences(of: "id: server-fixture", with: "id: lobby-door")
            _ = try await client.call(.post, "/api/v1/scenarios", body: Self.body(["source": fixture]))
            let brokenEdit = Self.broken.replacingOccurrences(of: "id: server-fixture", with: "id: lobby-door")
            let updated = try await client.call(.put, "/api/v1/scenarios/lobby-door?lang=ja", body: Self.body(["source": brokenEdit, "base_version": 1]))
            #expect(updated.status == .unprocessableContent && updated.errorCode == "invalid_scenario", "\(updated.text)")
            #expect(Self.problems(updated).last?.hasPrefix("scenarios/lobby-door:6:11: 「duration」（訓練時間）") == true, "\(updated.text)")

            let drill = try await client.call(.post, "/api/v1/drills?lang=ja", body: Self.body(["source": Self.broken]))
            #expect(drill.status == .unprocessableContent && drill.errorCode == "invalid_scenario", "\(drill.text)")
            #expect((drill.json["error"] as? [String: Any])?["message"] as? String == "シナリオに 2 件の問題があります。直してからもう一度アップロードしてください")
            #expect(Self.positions(Self.problems(drill)) == ["upload:4:1:", "upload:6:11:"], "\(drill.text)")
            #expect(Self.problems(drill).allSatisfy { !$0.contains("unknown") && !$0.contains("not a duration") })
            // Without lang, English as before.
            let englishDrill = try await client.call(.post, "/api/v1/drills", body: Self.body(["source": Self.broken]))
            #expect((englishDrill.json["error"] as? [String: Any])?["message"] as? String == "the scenario has 2 problems; fix them and upload it again")
        }
    }
}
