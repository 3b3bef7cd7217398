/// What a problem in a scenario (or another input file) says, in no language yet: which
/// message it is and its values. ``text(in:)`` writes it in English or Japanese, from the
/// templates of ``Key`` (one place per message, both languages side by side).
///
/// A value is written the same in every language when it is the scenario's own text (an id,
/// a value as written, a number), and in the reader's language when it is a word of the
/// format (a key's name, the kind of a value, a duration, a nested message such as a
/// "did you mean" hint).
public struct ValidationMessage: Sendable, Hashable {
    public var key: Key
    public var values: [String: Value]

    public init(_ key: Key, _ values: [String: Value] = [:]) {
        self.key = key
        self.values = values
    }

    /// A value of a placeholder.
    public indirect enum Value: Sendable, Hashable, ExpressibleByStringLiteral {
        /// Text from the input or a number: the same in every language.
        case verbatim(String)
        /// A key of the format or a thing it names, by its English name; in Japanese the key
        /// in 「」 with what it means (``ValidationMessage/japaneseNames``).
        case name(String)
        /// Values joined by `, ` (English) or `、` (Japanese).
        case list([String])
        /// Values each in quotes: `'a', 'b'` or 「a」「b」.
        case quotedList([String])
        /// A drill time: `1h30m` or `1時間30分`.
        case duration(DrillTime)
        /// A message inside another (a hint, a condition's syntax error).
        case message(ValidationMessage)

        /// Nothing, in every language (an absent hint).
        public static let none = Value.verbatim("")

        /// A string literal names a key or a thing: `what: "title"`.
        public init(stringLiteral value: String) {
            self = .name(value)
        }

        public func text(in language: Language) -> String {
            switch self {
            case .verbatim(let text): text
            case .name(let name): ValidationMessage.name(name, in: language)
            case .list(let items): items.joined(separator: language == .japanese ? "、" : ", ")
            case .quotedList(let items):
                language == .japanese ? items.map { "「\($0)」" }.joined() : items.map { "'\($0)'" }.joined(separator: ", ")
            case .duration(let time): ValidationMessage.format(time, in: language)
            case .message(let message): message.text(in: language)
            }
        }
    }

    /// The message in `language`: its template with every `{placeholder}` replaced by its value
    /// (values are not read for placeholders again).
    public func text(in language: Language) -> String {
        let template = language == .japanese ? key.templates.japanese : key.templates.english
        return Self.fill(template) { name in values[name]?.text(in: language) }
    }

    /// `template` with every `{name}` whose `value(name)` is not `nil` replaced by it, once
    /// (a value is never read for placeholders again); others are left as written.
    public static func fill(_ template: String, _ value: (String) -> String?) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}"), let text = value(String(rest[afterOpen..<close])) else {
                result += "{"
                rest = rest[afterOpen...]
                continue
            }
            result += text
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The placeholders a template names, in order of first appearance.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.isLetter }), !names.contains(name) { names.append(name) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// A "did you mean" hint for `word` among `candidates`, or nothing when none is close.
    public static func hint(for word: String, among candidates: some Sequence<String>) -> Value {
        Suggestions.closest(to: word, among: candidates).map(didYouMean) ?? .none
    }

    /// `; did you mean 'word'?`
    public static func didYouMean(_ word: String) -> Value {
        .message(ValidationMessage(.didYouMean, ["word": .verbatim(word)]))
    }

    /// A drill time as messages write it: `1h30m`, `45s`, `0s`; in Japanese `1時間30分`, `45秒`, `0秒`.
    public static func format(_ time: DrillTime, in language: Language = .english) -> String {
        let seconds = time.milliseconds / 1000
        let units = language == .japanese ? ("時間", "分", "秒") : ("h", "m", "s")
        var parts: [String] = []
        if seconds >= 3600 { parts.append("\(seconds / 3600)\(units.0)") }
        if seconds % 3600 >= 60 { parts.append("\((seconds % 3600) / 60)\(units.1)") }
        if seconds % 60 != 0 || parts.isEmpty { parts.append("\(seconds % 60)\(units.2)") }
        return parts.joined()
    }
}

extension ValidationMessage: CustomStringConvertible {
    public var description: String { text(in: .english) }
}
