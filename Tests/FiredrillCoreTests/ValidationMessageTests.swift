import Foundation
import Testing
@testable import FiredrillCore

/// Every validation message exists in English and in Japanese, with the same values.
@Suite("Validation messages in English and Japanese")
struct ValidationMessageTests {
    /// What a Japanese message may write in ASCII letters inside 「」: the format's keys and
    /// words, and the examples it gives of what to type.
    static let literals: Set<String> = {
        var words = Set(
            ScenarioDecoder.topLevelKeys + ScenarioDecoder.roleKeys + ScenarioDecoder.personaKeys + ScenarioDecoder.injectKeys
                + ScenarioDecoder.objectiveKeys + ScenarioDecoder.surveyKeys + ScenarioDecoder.quizKeys
        )
        words.formUnion(ActionKind.allCases.map(\.rawValue))
        words.formUnion(SurveyQuestion.Kind.allCases.map(\.rawValue))
        words.formUnion(["met", "delivered", "not", "and", "or", "all"])
        // Examples: 'en', 'ja', 'pt-BR'; 10m, 90s, 1h30m; met(ack-alert); mail-alert; some-id;
        // A.5.24, IR-3, DE, RS, RC; firedrill validate; %YAML, %TAG.
        words.formUnion(["en", "ja", "pt", "BR", "h", "m", "s", "ack", "alert", "mail", "some", "A", "IR", "DE", "RS", "RC"])
        words.formUnion(["firedrill", "validate", "YAML", "TAG"])
        return words
    }()

    /// Names of standards and encodings, which Japanese writes as they are.
    static let properNouns = ["Shift_JIS", "Latin-1", "UTF-8", "UTF-16", "UTF-32", "ISO/IEC", "NIST SP", "CSF", "YAML", "MB", "附属書A"]

    /// The ASCII letters `text` writes outside its placeholders, the literals it quotes in
    /// 「」 and the proper nouns; each quoted word that is not a literal is a problem too.
    static func englishIn(_ text: String) -> [String] {
        var problems: [String] = []
        var rest = text.replacingOccurrences(of: #"\{[A-Za-z]+\}"#, with: "", options: .regularExpression)
        while let open = rest.range(of: "「"), let close = rest.range(of: "」", range: open.upperBound..<rest.endIndex) {
            let quoted = rest[open.upperBound..<close.lowerBound]
            for word in quoted.split(whereSeparator: { !($0.isASCII && $0.isLetter) }) where !literals.contains(String(word)) {
                problems.append("「\(quoted)」")
            }
            rest.removeSubrange(open.lowerBound..<close.upperBound)
        }
        for noun in properNouns { rest = rest.replacingOccurrences(of: noun, with: "") }
        problems += rest.split(whereSeparator: { !($0.isASCII && $0.isLetter) }).map(String.init)
        return problems
    }

    @Test("each message's Japanese differs from its English, names the same placeholders and writes no English")
    func everyMessageHasJapanese() {
        #expect(ValidationMessage.Key.allCases.count > 100)
        for key in ValidationMessage.Key.allCases {
            let (english, japanese) = key.templates
            #expect(!japanese.isEmpty && japanese != english, "\(key)")
            #expect(Set(ValidationMessage.placeholders(in: japanese)) == Set(ValidationMessage.placeholders(in: english)), "\(key): \(japanese)")
            #expect(Self.englishIn(japanese) == [], "\(key): \(japanese)")
            // Braces only around placeholders, so that a template never prints one by mistake.
            for template in [english, japanese] {
                let stripped = template.replacingOccurrences(of: #"\{[A-Za-z]+\}"#, with: "", options: .regularExpression)
                #expect(!stripped.contains("{") && !stripped.contains("}"), "\(key): \(template)")
            }
        }
    }

    @Test("every name (keys, things, kinds of values, the YAML reader's words) has Japanese without English")
    func everyNameHasJapanese() {
        for (name, japanese) in ValidationMessage.japaneseNames {
            #expect(!japanese.isEmpty && japanese != name, "\(name)")
            #expect(Self.englishIn(japanese) == [], "\(name): \(japanese)")
        }
        // What the decoder names when a value has the wrong kind.
        for kind in ["nothing (null)", "a true/false value", "a number", "text", "a list", "a mapping"] {
            #expect(ValidationMessage.japaneseNames[kind] != nil, "\(kind)")
        }
    }

    @Test func theCheckOfJapaneseFindsEnglish() {
        #expect(Self.englishIn("「{key}」というキーはありません") == [])
        #expect(Self.englishIn("「at」（配信時刻）の {at} は 「1h30m」 と書きます") == [])
        #expect(Self.englishIn("unknown key「{key}」") == ["unknown", "key"])
        #expect(Self.englishIn("「did you mean」") == ["「did you mean」", "「did you mean」", "「did you mean」"])
        #expect(Self.englishIn("UTF-8 で保存") == [])
    }

    @Test func valuesFillThePlaceholdersOnceInEitherLanguage() {
        let message = ValidationMessage(.unknownKey, [
            "key": .verbatim("titel"), "what": "the scenario", "hint": ValidationMessage.hint(for: "titel", among: ["title", "id"]),
            "allowed": .list(["id", "title"]),
        ])
        #expect(message.text(in: .english) == "unknown key 'titel' in the scenario; did you mean 'title'? (allowed: id, title)")
        #expect(message.text(in: .japanese) == "シナリオに「titel」というキーはありません。「title」の書き間違いではありませんか？（使えるキー：id、title）")
        // A value that looks like a placeholder is written as it is.
        let literal = ValidationMessage(.unknownRole, ["id": .verbatim("{hint}"), "hint": .none])
        #expect(literal.text(in: .english) == "unknown role '{hint}'")
        #expect(literal.text(in: .japanese) == "役割「{hint}」はこのシナリオにありません")
    }

    @Test func fieldsAreNamedWithWhatTheyMean() {
        let message = ValidationMessage(.notPositive, ["what": "duration"])
        #expect(message.text(in: .english) == "'duration' must be longer than 0s")
        #expect(message.text(in: .japanese) == "「duration」（訓練時間）は 0 秒より長くしてください")
        let objectiveFrom = ValidationMessage(.notText, ["what": "objective from", "found": .name("a list")])
        #expect(objectiveFrom.text(in: .english) == "'from' must be text; found a list")
        #expect(objectiveFrom.text(in: .japanese) == "「from」（時間を計り始めるインジェクト）は文字で書いてください（いまはリストです）")
    }

    @Test func durationsAreWrittenInTheReadersLanguage() {
        #expect(ValidationMessage.format(.seconds(5400)) == "1h30m")
        #expect(ValidationMessage.format(.seconds(5400), in: .japanese) == "1時間30分")
        #expect(ValidationMessage.format(.seconds(45), in: .japanese) == "45秒")
        #expect(ValidationMessage.format(.zero, in: .japanese) == "0秒")
        let late = ValidationMessage(.atAfterEnd, ["at": .duration(.seconds(7200)), "duration": .duration(.seconds(1800))])
        #expect(late.text(in: .english) == "'at' 2h is after the end of the drill (duration 30m); deliver it earlier or lengthen the drill")
        #expect(late.text(in: .japanese).contains("2時間") && late.text(in: .japanese).contains("30分"))
    }

    @Test("the duration messages name the Japanese forms people type (20分, 1時間30分)")
    func durationMessagesNameJapaneseForms() {
        for key in [ValidationMessage.Key.notDuration, .notDurationKind] {
            #expect(key.templates.english.contains("20分"), "\(key)")
            #expect(key.templates.japanese.contains("「20分」「1時間30分」"), "\(key)")
        }
        #expect(ValidationMessage.Key.notDuration.templates.english.contains("20分, 1時間30分"))
    }

    @Test func conditionSyntaxErrorsCarryTheirMessage() throws {
        guard case .failure(let error) = ConditionParser.parse("mett(a)") else {
            Issue.record("should fail")
            return
        }
        #expect(error.message == "unexpected 'mett'; expected met(...), delivered(...), 'not' or '('; did you mean 'met'?")
        #expect(error.problem.text(in: .japanese) == "「mett」は条件として読めません。「met(...)」「delivered(...)」「not」「(」のどれかを書いてください。「met」の書き間違いではありませんか？")
    }

    @Test func warningsArePrefixedInTheirLanguage() {
        let warning = Diagnostic.warning(at: SourceLocation(line: 3, column: 5), .onlySimulatedRecipients)
        #expect(warning.formatted(path: "s.yaml") == "s.yaml:3:5: warning: this inject goes only to simulated roles (personas), so no player will see it")
        #expect(warning.formatted(path: "s.yaml", language: .japanese).hasPrefix("s.yaml:3:5: 警告：このインジェクトの宛先は"))
    }
}
