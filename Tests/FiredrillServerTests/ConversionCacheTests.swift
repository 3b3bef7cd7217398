import FiredrillYAML
import Foundation
import Testing
@testable import FiredrillServer

@Suite("Scenario conversions kept for the editor")
struct ConversionCacheTests {
    static let yaml = """
    firedrill: 1
    id: kept
    title: 証明書の期限切れ
    duration: 30m
    roles:
      - {id: support, name: サポート窓口}
    injects:
      - {id: alert, to: all, channel: chat, subject: 証明書の期限が切れました, at: 1m}
    objectives:
      - {id: ack, kind: acknowledge, target: 5m}

    """

    @Test("an answer kept is the conversion's own answer; after JSON → YAML the way back is ready before it is asked for")
    func keepsBothWays() async throws {
        let cache = ConversionCache()
        let json = try cache.convert(Self.yaml, to: .json)
        #expect(json == (try ScenarioTextConversion.convert(Self.yaml, to: .json)))
        #expect(cache.holds(Self.yaml, .json))
        // The editor saves: its JSON to YAML. The YAML's JSON is then made in the background.
        let edited = json.replacingOccurrences(of: "サポート窓口", with: "お客様窓口")
        let saved = try cache.convert(edited, to: .yaml)
        #expect(saved == (try ScenarioTextConversion.convert(edited, to: .yaml)))
        var ready = false
        for _ in 0..<200 where !ready {
            ready = cache.holds(saved, .json)
            if !ready { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(ready, "the way back should be kept")
        #expect(try cache.convert(saved, to: .json) == (try ScenarioTextConversion.convert(saved, to: .json)))
        // Text that cannot be converted is an error, and nothing is kept for it.
        #expect(throws: ScenarioTextConversion.Failure.self) { try cache.convert("{ not: [json", to: .yaml) }
        #expect(!cache.holds("{ not: [json", .yaml))
    }

    @Test("the least recently used conversions go first when the cache is full")
    func evictsLeastRecentlyUsed() throws {
        let one = try ScenarioTextConversion.convert(Self.yaml, to: .json).utf8.count
        let cache = ConversionCache(capacity: one * 2 + one / 2)
        let texts = (1...3).map { Self.yaml.replacingOccurrences(of: "id: kept", with: "id: kept-\($0)") }
        _ = try cache.convert(texts[0], to: .json)
        _ = try cache.convert(texts[1], to: .json)
        _ = try cache.convert(texts[0], to: .json)   // used again: the second is now the oldest
        _ = try cache.convert(texts[2], to: .json)
        #expect(cache.holds(texts[0], .json) && cache.holds(texts[2], .json))
        #expect(!cache.holds(texts[1], .json))
    }
}
