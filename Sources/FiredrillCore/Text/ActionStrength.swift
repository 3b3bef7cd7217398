/// How well a corrective action (or the evidence that closed it) would hold: whether it
/// changes the system, standardises the step, or relies on people remembering.
///
/// Actions such as "everyone checks the app after a release" fail because they depend on
/// memory and attention; only changes to the process or the system last. Like
/// ``BlamelessWording`` this is a list of phrases, in English and Japanese at once, not an
/// understanding of the text: it flags a weak action for a person to read and never
/// changes what was written.
///
/// The strongest wording present decides: an action that automates a check and also asks
/// people to be careful is `strong`. A text with no listed wording is `medium`: it
/// describes a change of some kind, and only wording that leans on people is flagged.
public enum ActionStrength: String, Sendable, Hashable, Codable, CaseIterable {
    /// Removes or automates the step ("automate", 「自動化」「廃止」「仕組み化」).
    case strong
    /// Standardises the step (checklist, template, two-person review, 「チェックリスト」).
    case medium
    /// Relies on people remembering ("be careful", "remind", 「注意する」「周知する」).
    case weak

    /// The strength of `text`.
    public static func of(_ text: String) -> ActionStrength {
        let characters = Array(TextMatching.normalizeWidth(text))
        func contains(_ phrases: [Phrase]) -> Bool {
            phrases.contains { phrase in
                BlamelessWording.occurrences(of: phrase.pattern, in: characters, caseInsensitive: true).contains { phrase.accepts(characters, $0) }
            }
        }
        if contains(strongPhrases) { return .strong }
        if contains(weakPhrases), !contains(mediumPhrases) { return .weak }
        return .medium
    }

    /// What a person reads beside the action: the level, and for a weak action how to make
    /// it last.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.strong, .english): "strong"
        case (.medium, .english): "medium"
        case (.weak, .english): "weak"
        case (.strong, .japanese): "強い"
        case (.medium, .japanese): "中程度"
        case (.weak, .japanese): "弱い"
        }
    }

    /// Why the level was given, one sentence.
    public func why(in language: Language) -> String {
        switch (self, language) {
        case (.strong, .english): "It removes or automates the step, so it does not depend on anyone remembering it."
        case (.medium, .english): "It standardises the step (a checklist, a template, a second person), which helps while the step is still done by hand."
        case (.weak, .english): "It relies on people remembering or paying attention; such actions fade within weeks."
        case (.strong, .japanese): "手順そのものをなくすか自動化しており、誰かが覚えていることに頼りません。"
        case (.medium, .japanese): "チェックリスト・テンプレート・二人目の確認などで手順を標準化しています。手作業が残る間は有効です。"
        case (.weak, .japanese): "人が覚えていること・注意することに頼っています。このような対策は数週間で効果が薄れます。"
        }
    }

    /// How to make a weak action last; `nil` for the others.
    public func suggestion(in language: Language) -> String? {
        switch (self, language) {
        case (.weak, .english):
            "Change the process or the system instead: automate the check or remove the manual step (strong), or at least add it to a checklist or a two-person review (medium)."
        case (.weak, .japanese):
            "手順や仕組みのほうを変えます。確認を自動化する・手作業をなくす（強い）、少なくともチェックリストやダブルチェックに組み込む（中程度）ことを検討してください。"
        default: nil
        }
    }

    // MARK: - Phrases

    struct Phrase {
        var pattern: [Character]
        /// Latin phrases start at a word boundary; a stem may go on ("automat" → "automated").
        var latin: Bool

        init(_ text: String) {
            pattern = Array(text)
            latin = text.unicodeScalars.allSatisfy(\.isASCII)
        }

        func accepts(_ characters: [Character], _ range: Range<Int>) -> Bool {
            !latin || range.lowerBound == 0 || !characters[range.lowerBound - 1].isLetter
        }
    }

    static let strongPhrases: [Phrase] = [
        "automat", "eliminat", "remove the manual", "removes the manual", "remove the step", "no longer manual",
        "make it impossible", "makes it impossible", "block the", "blocks the", "forcing function", "hard stop",
        "poka-yoke", "by design", "system enforce", "enforced by the system", "enforce in the system",
        "自動化", "自動で", "自動的に", "廃止", "仕組み化", "仕組みで", "システムで防", "システム上で", "撤廃",
        "不要にする", "不要にした", "できないようにする", "できない仕組み", "ポカヨケ",
    ].map(Phrase.init)

    static let mediumPhrases: [Phrase] = [
        "checklist", "check list", "template", "two-person", "two person", "four-eyes", "four eyes", "second person",
        "second review", "peer review", "double-check", "double check", "standardis", "standardiz", "add a step",
        "update the runbook", "add it to the runbook", "to the runbook", "sign-off", "sign off", "approval step",
        "チェックリスト", "ダブルチェック", "テンプレート", "ひな形", "雛形", "二人", "2人", "複数人", "相互確認",
        "承認フロー", "承認手順", "標準化", "手順書に追加", "手順書を改訂", "手順に追加", "手順を追加", "様式",
    ].map(Phrase.init)

    static let weakPhrases: [Phrase] = [
        "be careful", "more careful", "take care", "remind", "retrain", "re-train", "pay attention", "paying attention",
        "pay more attention", "be aware", "awareness", "be vigilant", "keep in mind", "remember to", "try harder", "be mindful",
        "注意する", "注意を", "注意して", "気をつけ", "気を付け", "徹底", "周知", "再教育", "意識する", "意識づけ",
        "意識付け", "心がけ", "心掛け", "再発防止に努め", "呼びかけ", "呼び掛け",
    ].map(Phrase.init)
}
