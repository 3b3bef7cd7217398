import FiredrillCore
/// A column of a sheet: the scenario key it fills and the headers that name it.
struct Column: Sendable {
    var key: String
    var headers: Names

    init(_ key: String, _ english: [String], _ japanese: [String] = []) {
        self.key = key
        headers = Names(english, japanese)
    }
}

/// The sheets of an MSEL workbook: their names and columns, as the contract lists them.
enum SheetLayout: String, Sendable, CaseIterable {
    case scenario, msel, roles, objectives, survey, quiz

    /// The names a workbook may give the sheet, compared case-insensitively.
    var names: Names {
        switch self {
        case .scenario: Names(["Scenario"], ["シナリオ"])
        case .msel: Names(["MSEL", "Injects"], ["インジェクト"])
        case .roles: Names(["Roles"], ["役割"])
        case .objectives: Names(["Objectives"], ["目標"])
        case .survey: Names(["Survey"], ["アンケート"])
        case .quiz: Names(["Quiz"], ["クイズ"])
        }
    }

    /// The name `msel export` gives the sheet: MSEL is the same word in both languages.
    func sheetName(in language: Language) -> String {
        self == .msel ? "MSEL" : names.first(in: language)
    }

    /// The columns of the sheet, in the order `msel export` writes them. The scenario sheet's
    /// "columns" are its keys, one per row.
    var columns: [Column] {
        switch self {
        case .scenario: Self.scenarioKeys
        case .msel: Self.mselColumns
        case .roles: Self.roleColumns
        case .objectives: Self.objectiveColumns
        case .survey: Self.surveyColumns
        case .quiz: Self.quizColumns
        }
    }

    /// How many known headers make a row the header row.
    var headerThreshold: Int { self == .survey ? 1 : 2 }

    static let scenarioKeys = [
        Column("id", ["id"], ["ID"]),
        Column("title", ["title"], ["タイトル", "題名"]),
        Column("duration", ["duration"], ["時間", "所要時間"]),
        Column("language", ["language"], ["言語"]),
        Column("briefing", ["briefing"], ["ブリーフィング", "事前説明"]),
        Column("summary", ["summary"], ["概要"]),
        Column("tags", ["tags"], ["タグ"]),
        Column("channels", ["channels"], ["チャネル"]),
    ]

    static let mselColumns = [
        Column("id", ["id", "no", "no.", "#", "inject id"], ["番号", "ID"]),
        Column("at", ["time", "at", "scenario time"], ["時刻", "経過時間", "開始後"]),
        Column("when", ["when", "trigger"], ["発火条件"]),
        Column("delay", ["delay"], ["遅延"]),
        Column("if", ["if", "condition"], ["条件"]),
        Column("from", ["from", "sender"], ["差出人", "送信者", "発信者"]),
        Column("to", ["to", "recipients", "player", "players"], ["宛先", "受信者", "対象"]),
        Column("channel", ["channel", "method", "delivery method"], ["手段", "チャネル", "伝達手段"]),
        Column("subject", ["subject", "title", "inject"], ["件名", "タイトル"]),
        Column("body", ["body", "message", "content", "description"], ["本文", "内容", "メッセージ"]),
        Column("expect", ["expect", "expected action", "expected response", "expected outcome"], ["期待される対応", "期待する行動"]),
        Column("notes", ["notes", "controller notes", "comments"], ["備考", "メモ"]),
    ]

    static let roleColumns = [
        Column("id", ["id"], ["ID"]),
        Column("name", ["name"], ["名前", "役割"]),
        Column("department", ["department"], ["部署", "部門"]),
        Column("responsibilities", ["responsibilities"], ["役割カード", "責任"]),
        Column("persona channels", ["persona channels"], ["ペルソナ手段"]),
        Column("persona delay", ["persona delay"], ["ペルソナ遅延"]),
        Column("persona reply", ["persona reply"], ["ペルソナ返答"]),
    ]

    /// The contract's columns, and `expect` (what evaluators should see done), which every
    /// bundled scenario's objectives have and a round trip must keep.
    static let objectiveColumns = [
        Column("id", ["id"], ["ID"]),
        Column("name", ["name"], ["名前"]),
        Column("kind", ["kind"], ["種類"]),
        Column("by", ["by"], ["担当"]),
        Column("to", ["to"], ["宛先"]),
        Column("via", ["via"], ["手段"]),
        Column("from", ["from"], ["起点"]),
        Column("match", ["match"], ["キーワード"]),
        Column("target", ["target"], ["目標時間"]),
        Column("limit", ["limit"], ["上限時間"]),
        Column("weight", ["weight"], ["重み"]),
        Column("controls", ["controls"], ["管理策"]),
        Column("expect", ["expect", "expected action", "expected response", "expected outcome"], ["期待される対応", "期待する行動"]),
    ]

    static let surveyColumns = [
        Column("question", ["question"], ["質問", "設問"]),
        Column("kind", ["kind"], ["種類"]),
    ]

    static let quizColumns = [
        Column("id", ["id"], ["ID"]),
        Column("question", ["question"], ["質問", "設問"]),
        Column("choices", ["choices"], ["選択肢"]),
        Column("answer", ["answer"], ["正解"]),
        Column("explanation", ["explanation"], ["解説"]),
    ]

    /// The layout whose sheet names include `name` (compared as headers are).
    static func named(_ name: String) -> SheetLayout? {
        let normalized = HeaderText.normalize(name)
        return allCases.first { $0.names.matches(normalized) }
    }
}
