import FiredrillCore

/// A word in English and Japanese: its names as a sheet may write them, the first of each
/// language the one firedrill writes.
struct Names: Sendable {
    var english: [String]
    var japanese: [String]

    /// Every name through ``HeaderText/normalize(_:)``, worked out once.
    private let normalized: Set<String>

    init(_ english: [String], _ japanese: [String] = []) {
        self.english = english
        self.japanese = japanese
        normalized = Set((english + japanese).map(HeaderText.normalize))
    }

    var all: [String] { english + japanese }

    func first(in language: Language) -> String {
        switch language {
        case .english: english.first ?? japanese[0]
        case .japanese: japanese.first ?? english[0]
        }
    }

    /// Whether `normalized` (through ``HeaderText/normalize(_:)``) is one of the names.
    func matches(_ normalized: String) -> Bool {
        self.normalized.contains(normalized)
    }

    /// Whether `text`, as written in a cell, is one of the names.
    func matches(text: String) -> Bool {
        all.contains(text) || matches(HeaderText.normalize(text))
    }
}
