import FiredrillCore
import FiredrillVocabulary
import Foundation
import Testing

/// The catalog is complete in both languages, names every word of the drill's vocabulary,
/// and keeps Japanese free of English words where people read it.
@Suite("The vocabulary catalog")
struct CatalogTests {
    @Test("English and Japanese have the same keys, in every file of the catalog", arguments: ["vocabulary", "pages", "report", "terminal", "trends"])
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

    /// A file whose keys the code names with an enum, and the targets whose code reads it.
    struct KeyedFile: Sendable, CustomTestStringConvertible {
        let file: String
        /// Each case's name and its key.
        let cases: [(name: String, key: String)]
        let readers: [String]
        var testDescription: String { file }

        init<Key: CatalogKey>(_: Key.Type, readers: [String]) {
            file = Key.file
            cases = Key.allCases.map { (String(describing: $0), $0.rawValue) }
            self.readers = readers
        }
    }

    static let keyedFiles = [
        KeyedFile(ReportText.self, readers: ["FiredrillReporting"]),
        KeyedFile(TerminalText.self, readers: ["FiredrillCLI"]),
        KeyedFile(TrendsText.self, readers: ["FiredrillReporting"]),
    ]

    @Test("every key the code names is in both languages, and the catalog has no other", arguments: keyedFiles)
    func keysOfTheCode(file: KeyedFile) {
        let keys = Set(file.cases.map(\.key))
        for language in Language.allCases {
            let catalog = Set(Vocabulary.load(file.file, language).keys)
            #expect(keys.subtracting(catalog).sorted() == [], "missing in \(file.file).\(language.rawValue).json")
            #expect(catalog.subtracting(keys).sorted() == [], "in \(file.file).\(language.rawValue).json but named by no case")
        }
    }

    /// A case is used where its readers name it (`s[.overview]`); a family's member
    /// (`capability.Planning`) where they look the family up by id (`member("capability", …)`).
    @Test("every key is used by the code that reads its file", arguments: keyedFiles)
    func everyKeyUsed(file: KeyedFile) throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        var code = ""
        for reader in file.readers {
            let files = FileManager.default.enumerator(at: sources.appendingPathComponent(reader), includingPropertiesForKeys: nil)
            while let url = files?.nextObject() as? URL {
                if url.pathExtension == "swift" { code += try String(contentsOf: url, encoding: .utf8) }
            }
        }
        #expect(!code.isEmpty, "no sources in \(file.readers)")
        for (name, key) in file.cases {
            let used: Bool
            if let dot = key.firstIndex(of: ".") {
                used = code.contains("member(\"\(key[..<dot])\"")
            } else {
                // `s[.overview]`, `s[.clockStartedAt, …]`, `self[steers ? .drillPaused : …]`, `[.columnKind, …]`
                used = try code.contains(Regex(#"[\[(,?:]\s*\.\#(name)\b"#))
            }
            #expect(used, "\(file.file): \(name) is used nowhere in \(file.readers)")
        }
    }

    @Test("a text's placeholders are filled once, from the values given")
    func placeholders() {
        let texts = CatalogTexts<ReportText>(.english)
        #expect(texts[.clockStartedAt, ["time": "{time} {names}"]] == "clock started at {time} {names}")
        #expect(texts[.meets] == "meets {names}")
        #expect(texts.member("actionStatus", "in-progress") == "in progress" && texts.member("actionStatus", "on-hold") == nil)
        #expect(CatalogTexts<ReportText>(.japanese).member("capability", "Equipment") == "装備・システム")
    }
}
