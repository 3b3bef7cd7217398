import FiredrillCore

/// The words of a sheet's cells that mean the same in English and Japanese: objective
/// kinds, survey question kinds, "everyone", languages.
enum Words {
    static let objectiveKinds: [(kind: ActionKind, names: Names)] = [
        (.acknowledge, Names(["acknowledge"], ["確認", "受領"])),
        (.escalate, Names(["escalate"], ["エスカレーション"])),
        (.action, Names(["action"], ["対応"])),
        (.communicate, Names(["communicate"], ["連絡", "共有"])),
        (.report, Names(["report"], ["報告"])),
        (.resolve, Names(["resolve"], ["解決", "復旧"])),
    ]

    static let surveyKinds: [(kind: SurveyQuestion.Kind, names: Names)] = [
        (.scale, Names(["scale"], ["尺度"])),
        (.text, Names(["text"], ["自由記述"])),
    ]

    /// `to`: every role played by a person.
    static let everyone = Names(["all"], ["全員"])

    static let languages: [(tag: String, names: Names)] = [
        ("en", Names(["English"], ["英語"])),
        ("ja", Names(["Japanese"], ["日本語"])),
    ]

    /// The key and value headers of the scenario sheet.
    static let scenarioHeader = (key: Names(["key"], ["項目"]), value: Names(["value"], ["値"]))

    static func objectiveKind(_ text: String) -> ActionKind? {
        let normalized = HeaderText.normalize(text)
        return objectiveKinds.first { $0.names.matches(normalized) }?.kind
    }

    static func surveyKind(_ text: String) -> SurveyQuestion.Kind? {
        let normalized = HeaderText.normalize(text)
        return surveyKinds.first { $0.names.matches(normalized) }?.kind
    }

    static func name(of kind: ActionKind, in language: Language) -> String {
        objectiveKinds.first { $0.kind == kind }!.names.first(in: language)
    }

    static func name(of kind: SurveyQuestion.Kind, in language: Language) -> String {
        surveyKinds.first { $0.kind == kind }!.names.first(in: language)
    }

    /// A language's tag from its name (`日本語` is `ja`), or the text as written.
    static func languageTag(_ text: String) -> String {
        let normalized = HeaderText.normalize(text)
        return languages.first { $0.names.matches(normalized) }?.tag ?? text
    }
}
