/// Parses condition text into a ``Condition``.
public struct ConditionParser {
    /// A syntax error, with the 0-based character offset where it was found.
    public struct SyntaxError: Error, Sendable, Hashable {
        public var offset: Int
        /// What is wrong, in no language yet.
        public var problem: ValidationMessage

        /// What is wrong, in English.
        public var message: String { problem.text(in: .english) }

        init(offset: Int, _ key: ValidationMessage.Key, _ values: [String: ValidationMessage.Value] = [:]) {
            self.offset = offset
            self.problem = ValidationMessage(key, values)
        }
    }

    /// Deeper nesting than this is rejected, so that hostile input cannot exhaust the stack.
    public static let maximumDepth = 32
    /// Longer condition text than this is rejected.
    public static let maximumLength = 4096

    public static func parse(_ text: String) -> Result<Condition, SyntaxError> {
        guard text.count <= maximumLength else {
            return .failure(SyntaxError(offset: 0, .conditionTooLong, ["maximum": .verbatim("\(maximumLength)")]))
        }
        var parser = ConditionParser(tokens: tokenize(text), endOffset: text.count)
        do throws(SyntaxError) {
            guard parser.peek != nil else { throw SyntaxError(offset: 0, .conditionEmpty) }
            let condition = try parser.parseOr(depth: 0)
            if let extra = parser.peek {
                throw SyntaxError(offset: extra.offset, .conditionTrailing, ["token": .verbatim(extra.text)])
            }
            return .success(condition)
        } catch {
            return .failure(error)
        }
    }

    struct Token {
        var text: String
        var offset: Int
    }

    private var tokens: [Token]
    private var position = 0
    private let endOffset: Int

    private init(tokens: [Token], endOffset: Int) {
        self.tokens = tokens
        self.endOffset = endOffset
    }

    private var peek: Token? { position < tokens.count ? tokens[position] : nil }

    private mutating func next() -> Token? {
        defer { position += 1 }
        return peek
    }

    private mutating func parseOr(depth: Int) throws(SyntaxError) -> Condition {
        try parseJoined(by: "or", Condition.or, depth: depth) { (parser: inout Self, depth: Int) throws(SyntaxError) in try parser.parseAnd(depth: depth) }
    }

    private mutating func parseAnd(depth: Int) throws(SyntaxError) -> Condition {
        try parseJoined(by: "and", Condition.and, depth: depth) { (parser: inout Self, depth: Int) throws(SyntaxError) in try parser.parseUnary(depth: depth) }
    }

    /// Operands joined by the word `word`, from the left: `a or b or c` is `(a or b) or c`.
    private mutating func parseJoined(
        by word: String, _ join: (Condition, Condition) -> Condition, depth: Int,
        operand: (inout Self, Int) throws(SyntaxError) -> Condition
    ) throws(SyntaxError) -> Condition {
        var result = try operand(&self, depth)
        while peek?.text == word {
            position += 1
            result = join(result, try operand(&self, depth))
        }
        return result
    }

    private mutating func parseUnary(depth: Int) throws(SyntaxError) -> Condition {
        guard depth < Self.maximumDepth else {
            throw SyntaxError(offset: peek?.offset ?? endOffset, .conditionTooDeep, ["maximum": .verbatim("\(Self.maximumDepth)")])
        }
        guard let token = next() else {
            throw SyntaxError(offset: endOffset, .conditionEndsEarly)
        }
        switch token.text {
        case "not":
            return .not(try parseUnary(depth: depth + 1))
        case "(":
            let inner = try parseOr(depth: depth + 1)
            guard next()?.text == ")" else {
                throw SyntaxError(
                    offset: tokens.indices.contains(position - 1) ? tokens[position - 1].offset : endOffset,
                    .conditionUnclosed, ["offset": .verbatim("\(token.offset + 1)")]
                )
            }
            return inner
        case "met", "delivered":
            guard next()?.text == "(" else {
                throw SyntaxError(offset: token.offset, .conditionNeedsParen, ["word": .verbatim(token.text)])
            }
            guard let id = next(), id.text != ")", id.text != "(" else {
                throw SyntaxError(offset: token.offset, .conditionNeedsID, ["word": .verbatim(token.text)])
            }
            guard next()?.text == ")" else {
                throw SyntaxError(offset: id.offset, .conditionNeedsCloseParen, ["word": .verbatim(token.text), "id": .verbatim(id.text)])
            }
            return token.text == "met" ? .met(id.text) : .delivered(id.text)
        default:
            let hint = ValidationMessage.hint(for: token.text, among: ["met", "delivered", "not", "and", "or"])
            throw SyntaxError(offset: token.offset, .conditionUnexpected, ["token": .verbatim(token.text), "hint": hint])
        }
    }

    /// Splits condition text into words and parentheses, keeping character offsets.
    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var start = 0
        func flush() {
            if !current.isEmpty { tokens.append(Token(text: current, offset: start)) }
            current = ""
        }
        for (offset, character) in text.enumerated() {
            if character == "(" || character == ")" {
                flush()
                tokens.append(Token(text: String(character), offset: offset))
            } else if character.isWhitespace {
                flush()
            } else {
                if current.isEmpty { start = offset }
                current.append(character)
            }
        }
        flush()
        return tokens
    }
}
