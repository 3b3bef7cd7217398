import FiredrillCore
import Foundation
import Synchronization

/// The keys of one file of the catalog, as an enum whose raw values are the file's keys:
/// `ReportText` for `Catalog/report.{en,ja}.json`. Code names a text by its case, so a
/// misspelt key does not compile; a test keeps the cases and both languages' keys equal.
public protocol CatalogKey: RawRepresentable<String>, CaseIterable, Sendable {
    /// The file's name in the catalog folder, without language and extension (`report`).
    static var file: String { get }
}

/// The texts of one catalog file in one language, looked up by key: `texts[.documentTitle]`,
/// `texts[.clockStartedAt, ["time": "4:00"]]`.
public struct CatalogTexts<Key: CatalogKey>: Sendable {
    public let language: Language
    private let texts: [String: String]

    public init(_ language: Language) {
        self.language = language
        texts = Vocabulary.cached(Key.file, language)
    }

    /// The text of `key` with its `{name}` placeholders filled from `values`; the key itself
    /// when the catalog lacks it (a build without its resources), never a crash.
    public subscript(_ key: Key, _ values: [String: String] = [:]) -> String {
        Vocabulary.fill(texts[key.rawValue] ?? key.rawValue, values)
    }

    /// The text of a family's member, named by the id of what it names: `member("channel",
    /// "in-person")` is the text of `channel.in-person`; nil when the file has no such key.
    public func member(_ family: String, _ id: String) -> String? {
        Key(rawValue: "\(family).\(id)").map { self[$0] }
    }
}

extension Vocabulary {
    private static let loaded = Mutex<[String: [String: String]]>([:])

    /// The texts of a catalog file in a language, read once per process.
    static func cached(_ file: String, _ language: Language) -> [String: String] {
        let name = "\(file).\(language.rawValue)"
        if let texts = loaded.withLock({ $0[name] }) { return texts }
        let texts = load(file, language)
        loaded.withLock { $0[name] = texts }
        return texts
    }

    /// `template` with each `{name}` that `values` names replaced by its value, in one pass:
    /// a value is inserted as it is, never read for placeholders itself.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, template.contains("{") else { return template }
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let value = values[String(rest[afterOpen..<close])] {
                result += value
                rest = rest[rest.index(after: close)...]
            } else {
                result += "{"
                rest = rest[afterOpen...]
            }
        }
        return result + rest
    }
}
