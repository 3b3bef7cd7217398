/// The language of a spreadsheet's headers, sheet names and words (`all`/`全員`).
public enum HeaderLanguage: String, Sendable, Hashable, CaseIterable {
    case english = "en"
    case japanese = "ja"

    /// The language for a scenario's BCP-47 tag: Japanese for `ja` and `ja-…`, else English.
    public init(scenarioLanguage tag: String) {
        let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        self = primary == "ja" ? .japanese : .english
    }
}

/// A word in English and Japanese: its names as a sheet may write them, the first of each
/// language the one firedrill writes.
struct Names: Sendable {
    var english: [String]
    var japanese: [String]

    init(_ english: [String], _ japanese: [String] = []) {
        self.english = english
        self.japanese = japanese
    }

    var all: [String] { english + japanese }

    func first(in language: HeaderLanguage) -> String {
        switch language {
        case .english: english.first ?? japanese[0]
        case .japanese: japanese.first ?? english[0]
        }
    }

    /// Whether `normalized` (through ``HeaderText/normalize(_:)``) is one of the names.
    func matches(_ normalized: String) -> Bool {
        all.contains { HeaderText.normalize($0) == normalized }
    }
}
