import FiredrillCore
import Foundation

/// What a problem of a spreadsheet says, in no language yet: which message it is and its
/// values. ``text(in:)`` writes it in English or Japanese from the templates of ``Key``
/// (one place per message, both languages side by side), as ``ValidationMessage`` does for
/// the scenario's own problems.
///
/// A value is written the same in every language when it is the file's own text (a cell's
/// value, a sheet's name, a part's path, a number), and in the reader's language when it is
/// a word of the format (a column's header, a sheet's kind, a nested message).
public struct SpreadsheetMessage: Sendable, Hashable {
    public var key: Key
    public var values: [String: Value]

    public init(_ key: Key, _ values: [String: Value] = [:]) {
        self.key = key
        self.values = values
    }

    /// A value of a placeholder.
    public indirect enum Value: Sendable, Hashable, ExpressibleByStringInterpolation {
        /// Text from the file or a number: the same in every language.
        case verbatim(String)
        /// A word of the format, in English and in Japanese.
        case word(english: String, japanese: String)
        /// Values joined by `, ` (English) or `、` (Japanese).
        case list([String])
        /// Values each in double quotes: `"a", "b"`, or 「a」「b」.
        case quotedList([String])
        /// A message inside another (a hint, why a cell's value cannot be used).
        case message(SpreadsheetMessage)
        /// A problem the scenario loader found in the text the sheets made, with the cells
        /// that the text's line numbers stand for.
        case loader(ValidationMessage, lines: [Int: SpreadsheetPosition])
        /// A message of the scenario format (a key's name, as ``ValidationMessage`` words it).
        case validation(ValidationMessage.Value)

        /// Nothing, in every language (an absent hint).
        public static let none = Value.verbatim("")

        /// Text written in the code is the file's own or a number: `"\(count)"`.
        public init(stringLiteral value: String) {
            self = .verbatim(value)
        }

        public init(stringInterpolation: DefaultStringInterpolation) {
            self = .verbatim(String(stringInterpolation: stringInterpolation))
        }

        public func text(in language: Language) -> String {
            switch self {
            case .verbatim(let text): text
            case .word(let english, let japanese): language == .japanese ? japanese : english
            case .list(let items): items.joined(separator: language == .japanese ? "、" : ", ")
            case .quotedList(let items):
                language == .japanese ? items.map { "「\($0)」" }.joined() : items.map { "\"\($0)\"" }.joined(separator: ", ")
            case .message(let message): message.text(in: language)
            case .loader(let message, let lines): Self.replacingLineNumbers(in: message.text(in: language), lines: lines, language: language)
            case .validation(let value): value.text(in: language)
            }
        }

        /// `line 12` (English) or `12 行目` (Japanese), the generated text's, becomes the cell of
        /// what is on that line.
        static func replacingLineNumbers(in message: String, lines: [Int: SpreadsheetPosition], language: Language) -> String {
            guard !lines.isEmpty else { return message }
            var out = ""
            var rest = Substring(message)
            if language == .japanese {
                while let range = rest.range(of: " 行目") {
                    let before = rest[..<range.lowerBound]
                    let digits = before.reversed().prefix { $0.isASCII && $0.isNumber }
                    if !digits.isEmpty, let line = Int(String(digits.reversed())), let origin = lines[line] {
                        out += before.dropLast(digits.count)
                        out += origin.reference(in: .japanese)
                    } else {
                        out += rest[..<range.upperBound]
                    }
                    rest = rest[range.upperBound...]
                }
                return out + rest
            }
            while let range = rest.range(of: "line ") {
                let digits = rest[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
                out += rest[..<range.lowerBound]
                if let line = Int(digits), let origin = lines[line] {
                    out += origin.reference(in: .english)
                } else {
                    out += rest[range]
                    out += digits
                }
                rest = rest[range.upperBound...].dropFirst(digits.count)
            }
            return out + rest
        }
    }

    /// The message in `language`: its template with every `{placeholder}` replaced by its value
    /// (values are not read for placeholders again).
    public func text(in language: Language) -> String {
        let template = language == .japanese ? key.templates.japanese : key.templates.english
        return ValidationMessage.fill(template) { name in values[name]?.text(in: language) }
    }

    /// The placeholders a template names, in order of first appearance.
    public static func placeholders(in template: String) -> [String] {
        ValidationMessage.placeholders(in: template)
    }

    /// `; did you mean "word"?`, or nothing.
    static func hint(_ word: String?) -> Value {
        word.map { .message(SpreadsheetMessage(.didYouMean, ["word": .verbatim($0)])) } ?? .none
    }

    /// `the file` (CSV) or `sheet NAME`, as a message names where something is missing.
    static func sheetOrFile(_ name: String, csv: Bool) -> Value {
        csv ? .word(english: "the file", japanese: "ファイル") : .word(english: "sheet \(name)", japanese: "シート「\(name)」")
    }
}

extension SpreadsheetMessage: CustomStringConvertible {
    public var description: String { text(in: .english) }
}

extension SpreadsheetPosition {
    /// How a message names the place: `MSEL!A7`, `row 7` (`7 行目`) in a CSV file, a sheet by
    /// its name.
    func reference(in language: Language) -> String {
        switch (self, language) {
        case (.cell, _): description
        case (.field(let row, _), .english): "row \(row)"
        case (.field(let row, _), .japanese): "\(row) 行目"
        case (.sheet(let name), .english): "sheet \(name)"
        case (.sheet(let name), .japanese): "シート「\(name)」"
        }
    }
}
