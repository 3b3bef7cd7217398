/// Finds person-focused blame in text people write into a drill's record (corrective actions,
/// observations, survey answers), in English and Japanese, and says why it matters and how
/// to put it in terms of processes, roles and systems.
///
/// A review of a drill asks what in the process let things go the way they went; a passage
/// that names a participant, speaks of someone's mistake or fault, judges character
/// ("careless", 「不注意」) or argues from hindsight ("should have", 「〜すべきだった」)
/// turns it into a question of who. The check is a list of phrases, not an understanding
/// of the text: it flags passages for a person to look at, and never changes what was written.
public enum BlamelessWording {
    /// What kind of wording a passage uses.
    public enum Rule: String, Sendable, Hashable, Codable, CaseIterable {
        /// A participant's name: names belong in the evidence record, not in the review.
        case participantName = "participant-name"
        /// Someone's mistake, fault or blame: 「〜さんのミス」「〜のせい」.
        case personalFault = "personal-fault"
        /// A judgement of a person: "careless", "negligent", 「不注意」「うっかり」.
        case characterJudgement = "character-judgement"
        /// Hindsight about what a person ought to have done: "should have", 「〜すべきだった」.
        case hindsight
        /// "Human error" as a cause: it ends the search for the cause where it should start.
        case humanError = "human-error"

        public func why(in language: Language) -> String {
            switch (self, language) {
            case (.participantName, .english):
                "It names a participant. The review is about roles, processes and systems; who took part is kept in the evidence record only."
            case (.participantName, .japanese):
                "参加者の名前が書かれています。振り返りの対象はロール・手順・仕組みであり、誰が参加したかは証跡の記録にだけ残します。"
            case (.personalFault, .english):
                "It puts the outcome on a person. People then hide problems instead of reporting them, and the process that allowed the slip stays as it is."
            case (.personalFault, .japanese):
                "結果の責任を個人に帰しています。個人の責任にすると問題が報告されにくくなり、ミスを許した手順がそのまま残ります。"
            case (.characterJudgement, .english):
                "It judges a person's character or attention. That cannot be corrected by an action plan; the conditions that made the slip likely can."
            case (.characterJudgement, .japanese):
                "個人の性格や注意力を評価しています。それは改善計画では直せません。直せるのは、ミスが起きやすかった条件のほうです。"
            case (.hindsight, .english):
                "It judges a decision with what is known afterwards. At the time the information, the runbook or the tools may not have pointed that way."
            case (.hindsight, .japanese):
                "後から分かったことで当時の判断を評価しています。その時点では、情報・手順書・ツールがその行動を示していなかった可能性があります。"
            case (.humanError, .english):
                "\"Human error\" names where the search for a cause stopped, not the cause. Ask what made the error possible and easy to make."
            case (.humanError, .japanese):
                "「ヒューマンエラー」は原因ではなく、原因の追究が止まった場所を示すだけです。なぜその誤りが起こり得たのか、起こりやすかったのかを問います。"
            }
        }

        public func suggestion(in language: Language) -> String {
            switch (self, language) {
            case (.participantName, .english):
                "Name the role instead (e.g. \"the duty engineer\")."
            case (.participantName, .japanese):
                "名前ではなくロールで書きます（例：「当番エンジニア」）。"
            case (.personalFault, .english):
                "Describe the step or control that was missing, e.g. \"the checklist has no step that compares the file with the approved version\"."
            case (.personalFault, .japanese):
                "欠けていた手順や管理策を書きます。例：「配信前チェックリストに、リンク先ファイルを承認版と照合する手順がなかった」。"
            case (.characterJudgement, .english):
                "Describe the condition that made the slip likely (two similar files side by side, no second check, time pressure) and how to change it."
            case (.characterJudgement, .japanese):
                "ミスが起きやすかった条件（似たファイルが並んでいた、二人目の確認がなかった、時間に追われていた等）と、その変え方を書きます。"
            case (.hindsight, .english):
                "Say what the process expects and what would make it the obvious choice, e.g. \"the runbook does not say to call when chat goes unanswered\"."
            case (.hindsight, .japanese):
                "手順が何を求めているか、何があればその行動が自然に選ばれるかを書きます。例：「チャットに応答がないときは電話する、と手順書に書かれていない」。"
            case (.humanError, .english):
                "Name the design, workload or information gap behind it, e.g. \"the two versions had the same file name\"."
            case (.humanError, .japanese):
                "背景にある設計・負荷・情報の不足を書きます。例：「2 つの版が同じファイル名だった」。"
            }
        }
    }

    /// A flagged passage.
    public struct Finding: Sendable, Hashable {
        public var rule: Rule
        /// The words that were flagged, as written; a participant's name is replaced by a
        /// placeholder, so findings never carry names.
        public var matched: String
        /// The sentence (or line) around them, participants' names replaced.
        public var passage: String
    }

    /// The passages of `text` worded against people rather than processes, in the order they
    /// occur. `participantNames` are the display names of the people who took part (each
    /// whitespace-separated part of a name counts on its own).
    public static func check(_ text: String, participantNames: [String] = [], language: Language = .english) -> [Finding] {
        let characters = Array(TextMatching.normalizeWidth(text).map { $0 == "’" ? "'" : $0 })
        let names = nameTerms(participantNames)
        var hits: [(range: Range<Int>, rule: Rule)] = []
        for term in names {
            for range in occurrences(of: term.pattern, in: characters, caseInsensitive: false) where term.accepts(characters, range) {
                hits.append((range, .participantName))
            }
        }
        for phrase in phrases {
            for range in occurrences(of: phrase.pattern, in: characters, caseInsensitive: true)
            where phrase.accepts(characters, range) && !isNegated(characters, range) {
                hits.append((phrase.honorific ? extendedOverName(range, in: characters) : range, phrase.rule))
            }
        }
        hits += possessiveFaults(in: characters)
        hits.sort { ($0.range.lowerBound, -$0.range.upperBound) < ($1.range.lowerBound, -$1.range.upperBound) }

        var findings: [Finding] = []
        var covered: [Range<Int>] = []
        // A name is always reported; of overlapping phrases, the first and longest.
        for hit in hits where hit.rule == .participantName || !covered.contains(where: { $0.overlaps(hit.range) }) {
            if hit.rule != .participantName { covered.append(hit.range) }
            let matched = hit.rule == .participantName
                ? placeholder(language)
                : masked(String(characters[hit.range]), names: names, language: language)
            let passage = masked(String(characters[sentence(around: hit.range, in: characters)]), names: names, language: language)
            let finding = Finding(rule: hit.rule, matched: matched, passage: passage.trimmingWhitespace)
            if !findings.contains(finding) { findings.append(finding) }
        }
        return findings
    }

    /// `text` with each participant's name (and each part of it) replaced by a placeholder.
    public static func masking(_ text: String, participantNames: [String], language: Language) -> String {
        let names = nameTerms(participantNames)
        guard !names.isEmpty else { return text }
        return masked(text, names: names, language: language)
    }

    /// What stands in for a participant's name.
    public static func placeholder(_ language: Language) -> String {
        language == .japanese ? "［参加者］" : "[participant]"
    }

    // MARK: - Phrases

    struct Phrase {
        var pattern: [Character]
        var rule: Rule
        /// English: the phrase starts at a word boundary; and ends at one unless it is a stem.
        var latin: Bool
        var stem: Bool
        /// Japanese: what must not follow (`責任者` is a role, not blame).
        var notFollowedBy: [String] = []

        init(_ text: String, _ rule: Rule, stem: Bool = false, notFollowedBy: [String] = []) {
            pattern = Array(text)
            self.rule = rule
            latin = text.unicodeScalars.allSatisfy(\.isASCII)
            self.stem = stem
            self.notFollowedBy = notFollowedBy
        }

        /// Starts with an honorific (さん, くん, 君, 氏): the name before it belongs to the match.
        var honorific: Bool { ["さ", "く", "君", "氏"].contains(pattern[0]) }

        func accepts(_ characters: [Character], _ range: Range<Int>) -> Bool {
            if latin {
                if range.lowerBound > 0, characters[range.lowerBound - 1].isLetter { return false }
                if !stem, range.upperBound < characters.count, characters[range.upperBound].isLetter { return false }
            }
            let rest = String(characters[range.upperBound..<min(characters.count, range.upperBound + 4)])
            return !notFollowedBy.contains { rest.hasPrefix($0) }
        }
    }

    static let phrases: [Phrase] = [
        // English
        Phrase("careless", .characterJudgement, stem: true),
        Phrase("negligen", .characterJudgement, stem: true),
        Phrase("sloppy", .characterJudgement), Phrase("sloppiness", .characterJudgement),
        Phrase("lazy", .characterJudgement), Phrase("laziness", .characterJudgement),
        Phrase("incompeten", .characterJudgement, stem: true),
        Phrase("inattenti", .characterJudgement, stem: true),
        Phrase("not paying attention", .characterJudgement),
        Phrase("forgot", .characterJudgement), Phrase("forgotten", .characterJudgement),
        Phrase("to blame", .personalFault), Phrase("blamed", .personalFault), Phrase("blame on", .personalFault),
        Phrase("fault of", .personalFault), Phrase("screwed up", .personalFault), Phrase("messed up", .personalFault),
        Phrase("should have", .hindsight), Phrase("should've", .hindsight), Phrase("shouldn't have", .hindsight),
        Phrase("should not have", .hindsight), Phrase("ought to have", .hindsight), Phrase("could have avoided", .hindsight),
        Phrase("human error", .humanError), Phrase("operator error", .humanError), Phrase("user error", .humanError),
        // Japanese
        Phrase("のせい", .personalFault), Phrase("せいで", .personalFault),
        Phrase("さんのミス", .personalFault), Phrase("さんの責任", .personalFault, notFollowedBy: ["者"]),
        Phrase("さんの失敗", .personalFault), Phrase("さんの落ち度", .personalFault), Phrase("さんの過失", .personalFault),
        Phrase("くんのミス", .personalFault), Phrase("君のミス", .personalFault), Phrase("氏のミス", .personalFault),
        Phrase("の落ち度", .personalFault), Phrase("ミスをした", .personalFault), Phrase("ミスした", .personalFault),
        Phrase("個人の責任", .personalFault),
        Phrase("不注意", .characterJudgement), Phrase("うっかり", .characterJudgement), Phrase("注意不足", .characterJudgement),
        Phrase("確認不足", .characterJudgement), Phrase("怠慢", .characterJudgement), Phrase("気の緩み", .characterJudgement),
        Phrase("気が緩", .characterJudgement), Phrase("たるんで", .characterJudgement), Phrase("意識が低", .characterJudgement),
        Phrase("自覚が足り", .characterJudgement), Phrase("自覚不足", .characterJudgement), Phrase("能力不足", .characterJudgement),
        Phrase("手抜き", .characterJudgement), Phrase("だらしな", .characterJudgement),
        Phrase("べきだった", .hindsight), Phrase("べきでした", .hindsight), Phrase("べきであった", .hindsight),
        Phrase("しておけば", .hindsight), Phrase("していれば", .hindsight), Phrase("すればよかった", .hindsight),
        Phrase("すれば良かった", .hindsight), Phrase("しなければならなかった", .hindsight),
        Phrase("ヒューマンエラー", .humanError), Phrase("人為的ミス", .humanError), Phrase("人的ミス", .humanError),
        Phrase("人為ミス", .humanError),
    ]

    /// Nouns that, after a possessive ("Sam's", "his"), put an outcome on a person.
    static let faultNouns: Set<String> = ["mistake", "mistakes", "fault", "error", "errors", "blunder", "failure", "oversight", "screw-up", "slip"]
    static let possessivePronouns: Set<String> = ["his", "her", "their", "my", "your", "our"]
    /// Possessives that deny blame ("nobody's fault").
    static let denyingPossessives: Set<String> = ["nobody's", "anyone's", "anybody's", "one's", "no-one's"]

    /// "Sam's mistake", "her fault", "the operator's error".
    static func possessiveFaults(in characters: [Character]) -> [(range: Range<Int>, rule: Rule)] {
        let words = latinWords(characters)
        var hits: [(range: Range<Int>, rule: Rule)] = []
        for index in words.indices.dropFirst() where faultNouns.contains(words[index].text) {
            let owner = words[index - 1]
            let isPossessive = owner.text.hasSuffix("'s") || owner.text.hasSuffix("s'") || possessivePronouns.contains(owner.text)
            guard isPossessive, !denyingPossessives.contains(owner.text), !isNegated(characters, owner.range) else { continue }
            hits.append((owner.range.lowerBound..<words[index].range.upperBound, .personalFault))
        }
        return hits
    }

    /// Latin words (letters, digits, apostrophes and hyphens inside), lowercased, with where they are.
    static func latinWords(_ characters: [Character]) -> [(text: String, range: Range<Int>)] {
        var words: [(text: String, range: Range<Int>)] = []
        var start: Int?
        func isWordCharacter(_ index: Int) -> Bool {
            let character = characters[index]
            if character.isASCII && (character.isLetter || character.isNumber) { return true }
            // An apostrophe or a hyphen inside a word ("Sam's", "screw-up").
            guard character == "'" || character == "-", let start else { return false }
            return index > start
        }
        for index in 0...characters.count {
            if index < characters.count, isWordCharacter(index) {
                if start == nil { start = index }
            } else if let begin = start {
                var end = index
                while end > begin, characters[end - 1] == "-" { end -= 1 }
                words.append((String(characters[begin..<end]).lowercased(), begin..<end))
                start = nil
            }
        }
        return words
    }

    /// `range` widened to the left over the name before an honorific: 「田中さんのミス」.
    static func extendedOverName(_ range: Range<Int>, in characters: [Character]) -> Range<Int> {
        var start = range.lowerBound
        while start > 0, range.lowerBound - start < 8, isNameCharacter(characters[start - 1]) { start -= 1 }
        return start..<range.upperBound
    }

    /// Kanji, katakana and Latin letters: what Japanese names are written in (hiragana are
    /// mostly particles, so they end a name).
    static func isNameCharacter(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x30A0...0x30FF, 0x3005: return true
        default: return character.isASCII && character.isLetter
        }
    }

    // MARK: - Negation

    /// "not careless", "was not anyone's fault", 「不注意ではなく」: the phrase is denied.
    static func isNegated(_ characters: [Character], _ range: Range<Int>) -> Bool {
        let after = String(characters[range.upperBound..<min(characters.count, range.upperBound + 8)])
        if ["ではなく", "ではない", "ではありません", "じゃない", "でなく"].contains(where: { after.hasPrefix($0) }) { return true }
        let before = latinWords(Array(characters[max(0, range.lowerBound - 24)..<range.lowerBound])).suffix(2).map(\.text)
        return before.contains { ["not", "no", "never", "isn't", "wasn't", "weren't", "aren't", "nobody's", "anyone's"].contains($0) }
    }

    // MARK: - Names

    struct NameTerm: Hashable {
        var pattern: [Character]
        /// Latin names match whole words only; Japanese names are written without spaces.
        var wholeWord: Bool
        /// A guessed part of a Japanese name written without a space (「田中一郎」's 「田中」 or
        /// 「一郎」): a name only when a form of address follows (「田中さん」, 「一郎くん」).
        var addressedOnly = false

        func accepts(_ characters: [Character], _ range: Range<Int>) -> Bool {
            if wholeWord, !BlamelessWording.isWordBoundary(characters, range) { return false }
            guard addressedOnly else { return true }
            let after = String(characters[range.upperBound..<min(characters.count, range.upperBound + 3)])
            return BlamelessWording.formsOfAddress.contains { after.hasPrefix($0) }
        }
    }

    /// What follows a Japanese name when people write about a person: honorifics and the
    /// titles used as forms of address.
    static let formsOfAddress = ["さん", "様", "さま", "くん", "君", "氏", "ちゃん", "殿", "部長", "課長", "係長", "主任", "先輩", "社長", "室長", "店長"]

    /// Each name and each part of it, longest first, without parts too short to mean a person.
    /// A Japanese name written without a space (「田中一郎」) also gives its likely family and
    /// given names (first two or three characters, last two), as names only when addressed.
    static func nameTerms(_ names: [String]) -> [NameTerm] {
        var terms: Set<NameTerm> = []
        for name in names {
            let normalized = TextMatching.normalizeWidth(name).trimmingWhitespace
            var parts = normalized.split(whereSeparator: { $0.isWhitespace || $0 == "・" }).map(String.init)
            if parts.count > 1 { parts.append(normalized) }
            for part in parts {
                let latin = part.unicodeScalars.allSatisfy { $0.isASCII }
                let letters = part.filter { $0.isLetter }.count
                guard latin ? letters >= 3 : letters >= 2 else { continue }
                terms.insert(NameTerm(pattern: Array(part), wholeWord: latin))
            }
            if parts.count == 1, let whole = parts.first, (3...7).contains(whole.count), whole.allSatisfy(isJapaneseNameCharacter) {
                let characters = Array(whole)
                var guesses = [Array(characters.prefix(2)), Array(characters.suffix(2))]
                if characters.count >= 5 { guesses += [Array(characters.prefix(3)), Array(characters.suffix(3))] }
                for guess in guesses where !terms.contains(NameTerm(pattern: guess, wholeWord: false)) {
                    terms.insert(NameTerm(pattern: guess, wholeWord: false, addressedOnly: true))
                }
            }
        }
        return terms.sorted { $0.pattern.count != $1.pattern.count ? $0.pattern.count > $1.pattern.count : String($0.pattern) < String($1.pattern) }
    }

    /// Kanji, kana and the iteration mark: what Japanese names are written in.
    static func isJapaneseNameCharacter(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return false }
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x3040...0x309F, 0x30A0...0x30FF, 0x3005: return true
        default: return false
        }
    }

    static func masked(_ text: String, names: [NameTerm], language: Language) -> String {
        guard !names.isEmpty else { return text }
        var characters = Array(text)
        for term in names {
            var searchFrom = 0
            while let range = occurrences(of: term.pattern, in: characters, caseInsensitive: false, from: searchFrom).first {
                if !term.accepts(characters, range) {
                    searchFrom = range.lowerBound + 1
                    continue
                }
                let replacement = Array(placeholder(language))
                characters.replaceSubrange(range, with: replacement)
                searchFrom = range.lowerBound + replacement.count
            }
        }
        return String(characters)
    }

    // MARK: - Searching

    static func occurrences(of pattern: [Character], in characters: [Character], caseInsensitive: Bool, from start: Int = 0) -> [Range<Int>] {
        guard !pattern.isEmpty, pattern.count <= characters.count else { return [] }
        var ranges: [Range<Int>] = []
        var index = start
        while index <= characters.count - pattern.count {
            var matched = 0
            while matched < pattern.count, same(characters[index + matched], pattern[matched], caseInsensitive) { matched += 1 }
            if matched == pattern.count {
                ranges.append(index..<index + pattern.count)
                index += pattern.count
            } else {
                index += 1
            }
        }
        return ranges
    }

    static func same(_ a: Character, _ b: Character, _ caseInsensitive: Bool) -> Bool {
        a == b || (caseInsensitive && a.isASCII && b.isASCII && a.lowercased() == b.lowercased())
    }

    static func isWordBoundary(_ characters: [Character], _ range: Range<Int>) -> Bool {
        let before = range.lowerBound == 0 || !(characters[range.lowerBound - 1].isLetter || characters[range.lowerBound - 1].isNumber)
        let after = range.upperBound == characters.count || !(characters[range.upperBound].isLetter || characters[range.upperBound].isNumber)
        return before && after
    }

    /// The sentence around `range`: from after the previous sentence end or line break to the
    /// next one, at most about 160 characters.
    static func sentence(around range: Range<Int>, in characters: [Character]) -> Range<Int> {
        func ends(_ character: Character) -> Bool { "。．！？!?\n".contains(character) }
        var start = range.lowerBound
        while start > 0, !ends(characters[start - 1]), !(characters[start - 1] == "." && start < characters.count && characters[start] == " "), range.lowerBound - start < 80 { start -= 1 }
        var end = range.upperBound
        while end < characters.count, !ends(characters[end]), !(characters[end] == "." && (end + 1 == characters.count || characters[end + 1] == " ")), end - range.upperBound < 80 { end += 1 }
        if end < characters.count, characters[end] != "\n" { end += 1 }
        return start..<end
    }
}
