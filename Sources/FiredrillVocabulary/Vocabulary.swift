import FiredrillCore
import FiredrillScenarios
import Foundation

/// The drill's vocabulary in English and Japanese: the names of action kinds (as nouns, as
/// the labels people press, with a hint), channels, statuses, ratings, metrics, event types
/// and end reasons, and the survey's scale.
///
/// One catalog serves every rendering: the reports and the terminal read it here, the server
/// serves it to the pages (`/i18n/{lang}.json`, with the pages' own texts). Its files are
/// `Catalog/vocabulary.{en,ja}.json` and the pages' `Catalog/pages.{en,ja}.json`; the
/// sentences of one part of the tool have a file of their own (`report.{en,ja}.json`), read
/// through `CatalogTexts` by the keys of an enum (`ReportText`). Tests keep the languages'
/// keys equal, and such a file's keys equal to its enum's cases. A text may hold `{name}`
/// placeholders.
public struct Vocabulary: Sendable {
    public let language: Language
    private let texts: [String: String]

    /// The catalog of a language (read once per process).
    public static func of(_ language: Language) -> Vocabulary {
        switch language {
        case .english: english
        case .japanese: japanese
        }
    }

    private static let english = Vocabulary(language: .english, texts: load("vocabulary", .english))
    private static let japanese = Vocabulary(language: .japanese, texts: load("vocabulary", .japanese))

    init(language: Language, texts: [String: String]) {
        self.language = language
        self.texts = texts
    }

    /// The text of `key` with its placeholders filled; the key itself when the catalog lacks
    /// it (a build without its resources), never a crash.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        Self.fill(texts[key] ?? key, values)
    }

    public func kind(_ kind: ActionKind) -> String { text("kind.\(kind.rawValue)") }
    /// The label of the button that performs `kind` (「上長・関係者へ連絡（エスカレーション）」).
    public func kindLabel(_ kind: ActionKind) -> String { text("kind.\(kind.rawValue).label") }
    public func channel(_ channel: String) -> String { texts["channel.\(channel)"] ?? channel }
    public func rating(_ rating: Scoring.Rating) -> String { text("rating.\(rating.rawValue).meaning") }
    public func event(_ type: String) -> String { text("event.\(type)") }
    public func endReason(_ reason: DrillEvent.EndReason) -> String { text("end.\(reason.rawValue)") }
    public func objectiveStatus(_ status: String) -> String { text("objective.\(status)") }
    public func metric(_ key: String) -> String { text("metric.\(key)") }
    public func metricMeaning(_ key: String) -> String { text("metric.\(key).meaning") }
    public func surveyScale(_ score: Int) -> String { text("survey.scale.\(score)") }

    // MARK: Files

    /// The catalog folder (inside the resource bundle, or the source folder in a checkout).
    public static var folder: URL? {
        PackageResources.folder(
            target: "FiredrillVocabulary", subfolder: "Catalog",
            sourceFolder: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Catalog")
        )
    }

    /// The texts of one file of the catalog (`vocabulary` or `pages`) in a language; empty
    /// when the file cannot be read.
    public static func load(_ name: String, _ language: Language) -> [String: String] {
        guard let url = folder?.appendingPathComponent("\(name).\(language.rawValue).json"),
              let data = try? Data(contentsOf: url),
              let texts = try? JSONDecoder().decode([String: String].self, from: data)
        else { return [:] }
        return texts
    }

    /// Everything the pages need in a language, as one JSON object: the vocabulary and the
    /// pages' own texts (served at `/i18n/{lang}.json`).
    public static func pageCatalog(_ language: Language) -> [String: String] {
        load("vocabulary", language).merging(load("pages", language)) { vocabulary, _ in vocabulary }
    }
}
