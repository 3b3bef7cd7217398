import FiredrillCore
import FiredrillVocabulary
import Foundation
import Testing

/// The catalog is complete in both languages, names every word of the drill's vocabulary,
/// and keeps Japanese free of English words where people read it.
@Suite("The vocabulary catalog")
struct CatalogTests {
    @Test("English and Japanese have the same keys, in every file of the catalog", arguments: ["vocabulary", "pages"])
    func sameKeys(file: String) throws {
        let english = Vocabulary.load(file, .english)
        let japanese = Vocabulary.load(file, .japanese)
        #expect(!english.isEmpty, "\(file).en.json is missing or empty")
        #expect(Set(english.keys).subtracting(japanese.keys).sorted() == [], "missing in Japanese")
        #expect(Set(japanese.keys).subtracting(english.keys).sorted() == [], "missing in English")
        // The same placeholders in both.
        for (key, text) in english {
            let placeholders = { (text: String) in Set(text.matches(of: /\{[a-z_]+\}/).map { String($0.output) }) }
            #expect(placeholders(text) == placeholders(japanese[key] ?? ""), "\(key)")
        }
    }

    @Test("every kind, channel, rating, end reason, event type and metric of the model has its words")
    func everyWordOfTheModel() {
        for language in Language.allCases {
            let words = Vocabulary.of(language)
            for kind in ActionKind.allCases {
                #expect(words.kind(kind) != "kind.\(kind.rawValue)" && words.kindLabel(kind) != "kind.\(kind.rawValue).label")
            }
            for channel in Scenario.defaultChannels { #expect(words.channel(channel) != channel || channel == "web", "\(channel)") }
            for rating in Scoring.Rating.allCases { #expect(!words.rating(rating).hasPrefix("rating.")) }
            for reason in DrillEvent.EndReason.allCases { #expect(!words.endReason(reason).hasPrefix("end.")) }
            for type in ["started", "inject-delivered", "inject-skipped", "action", "persona-reply", "observation", "adjudication",
                         "paused", "interrupted", "resumed", "ended", "speed-changed", "clock-advanced", "survey-answer"] {
                #expect(!words.event(type).hasPrefix("event."), "\(type)")
            }
            for key in DrillReport.Metrics.keys { #expect(!words.metric(key).hasPrefix("metric."), "\(key)") }
            for score in 1...5 { #expect(!words.surveyScale(score).hasPrefix("survey.")) }
        }
    }

    @Test("Japanese action labels use business Japanese, with the drill's term in brackets")
    func japaneseLabels() {
        let words = Vocabulary.of(.japanese)
        #expect(words.kindLabel(.escalate) == "上長・関係者へ連絡（エスカレーション）")
        #expect(words.kindLabel(.report) == "報告書を提出（報告）")
        #expect(words.channel("in-person") == "対面" && words.channel("email") == "メール")
    }
}
