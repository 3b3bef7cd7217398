import FiredrillCore
import Testing
@testable import FiredrillSpreadsheets

/// The words of cells and headers: lists, channel names, objective kinds, headers and
/// sheet names, in English and Japanese.
@Suite("Words in cells")
struct CellWordsTests {
    @Test("lists split at , 、 ; and line breaks; to also at /")
    func lists() {
        #expect(CellList.items("ic, sre") == ["ic", "sre"])
        #expect(CellList.items("広報、法務；総務") == ["広報", "法務", "総務"])
        #expect(CellList.items("a; b\nc\r\nd,,") == ["a", "b", "c", "d"])
        #expect(CellList.items("ic / sre") == ["ic / sre"])
        #expect(CellList.items("ic / sre", slash: true) == ["ic", "sre"])
        #expect(CellList.items("ic／sre", slash: true) == ["ic", "sre"])
        #expect(CellList.items("  ") == [])
        #expect(CellList.lines("Declare the incident, name a lead\n\nDecide within 30 minutes") == ["Declare the incident, name a lead", "Decide within 30 minutes"])
    }

    @Test("a comma between digits belongs to a number")
    func thousands() {
        #expect(CellList.items("1,000 人、報告書") == ["1,000 人", "報告書"])
        #expect(CellList.items("10,000,2") == ["10,000,2"])
        #expect(CellList.items("A.5.24, A.5.26") == ["A.5.24", "A.5.26"])
        #expect(CellList.wouldSplit("a, b") && !CellList.wouldSplit("1,000人"))
    }

    @Test("channels by id, English name or Japanese name", arguments: [
        ("email", "email"), ("e-mail", "email"), ("E-Mail", "email"), ("メール", "email"), ("電話", "phone"),
        ("チャット", "chat"), ("対面", "in-person"), ("In Person", "in-person"), ("ポケベル", "pager"), ("ページャー", "pager"),
        ("ﾍﾟｰｼﾞｬｰ", "pager"), ("チケット", "ticket"), ("監視", "monitoring"), ("アラート", "monitoring"), ("ニュース", "news"),
        ("報道", "news"), ("SNS", "social"), ("ＳＮＳ", "social"), ("Web", "web"), ("ウェブ", "web"),
    ])
    func channels(_ name: String, _ id: String) {
        #expect(ChannelNames.id(for: name, channels: Scenario.defaultChannels) == id, "\(name)")
    }

    @Test("a scenario's own channel is found by its id; an unknown one gets a did-you-mean")
    func customChannel() {
        #expect(ChannelNames.id(for: "Slack", channels: ["slack", "email"]) == "slack")
        #expect(ChannelNames.id(for: "emial", channels: Scenario.defaultChannels) == nil)
        #expect(ChannelNames.unknownMessage("emial", channels: Scenario.defaultChannels).text(in: .english) == "unknown channel \"emial\"; did you mean \"email\"?")
        #expect(ChannelNames.unknownMessage("メールー", channels: Scenario.defaultChannels).text(in: .english).hasSuffix("did you mean \"email\"?"))
        #expect(ChannelNames.unknownMessage("carrier pigeon", channels: ["chat"]).text(in: .english) == "unknown channel \"carrier pigeon\" (channels: chat)")
        #expect(ChannelNames.name(of: "email", in: .japanese) == "メール")
        #expect(ChannelNames.name(of: "pager", in: .japanese) == "ポケベル")
        #expect(ChannelNames.name(of: "email", in: .english) == "email")
        #expect(ChannelNames.name(of: "slack", in: .japanese) == "slack")
    }

    @Test("objective kinds, survey kinds, everyone and languages in both languages")
    func words() {
        #expect(Words.objectiveKind("確認") == .acknowledge && Words.objectiveKind("受領") == .acknowledge)
        #expect(Words.objectiveKind("エスカレーション") == .escalate && Words.objectiveKind("Escalate") == .escalate)
        #expect(Words.objectiveKind("対応") == .action && Words.objectiveKind("共有") == .communicate && Words.objectiveKind("連絡") == .communicate)
        #expect(Words.objectiveKind("報告") == .report && Words.objectiveKind("復旧") == .resolve && Words.objectiveKind("解決") == .resolve)
        #expect(Words.objectiveKind("ack") == nil)
        #expect(Words.surveyKind("自由記述") == .text && Words.surveyKind("Scale") == .scale)
        #expect(Words.everyone.matches(HeaderText.normalize("全員")) && Words.everyone.matches(HeaderText.normalize("ALL")))
        #expect(Words.languageTag("日本語") == "ja" && Words.languageTag("English") == "en" && Words.languageTag("pt-BR") == "pt-BR")
    }

    @Test("headers ignore case, spaces, _, - and full-width forms")
    func headers() throws {
        let lookup = HeaderRow.lookup(.msel)
        for header in ["Inject ID", "inject_id", "ＩＮＪＥＣＴ－ＩＤ", "No.", "#", "番号", "ID"] {
            #expect(lookup[HeaderText.normalize(header)]?.0 == "id", "\(header)")
        }
        #expect(lookup[HeaderText.normalize("Expected Action")]?.0 == "expect")
        #expect(lookup[HeaderText.normalize("期待される対応")]?.0 == "expect")
        #expect(lookup[HeaderText.normalize("Delivery Method")]?.0 == "channel")
        #expect(lookup[HeaderText.normalize("Scenario Time")]?.0 == "at")
        #expect(lookup[HeaderText.normalize("開始後")]?.0 == "at")
        #expect(lookup[HeaderText.normalize("Title")]?.0 == "subject")
        #expect(lookup[HeaderText.normalize("Controller Notes")]?.0 == "notes")
        #expect(HeaderRow.lookup(.roles)[HeaderText.normalize("Persona Channels")]?.0 == "persona channels")
        #expect(HeaderRow.lookup(.objectives)[HeaderText.normalize("目標時間")]?.0 == "target")
    }

    @Test("sheets by name, case-insensitively, in English and Japanese")
    func sheets() {
        #expect(SheetLayout.named("msel") == .msel && SheetLayout.named("INJECTS") == .msel && SheetLayout.named("インジェクト") == .msel)
        #expect(SheetLayout.named("scenario") == .scenario && SheetLayout.named("シナリオ") == .scenario)
        #expect(SheetLayout.named("roles") == .roles && SheetLayout.named("役割") == .roles)
        #expect(SheetLayout.named("Objectives") == .objectives && SheetLayout.named("目標") == .objectives)
        #expect(SheetLayout.named("survey") == .survey && SheetLayout.named("アンケート") == .survey)
        #expect(SheetLayout.named("quiz") == .quiz && SheetLayout.named("クイズ") == .quiz)
        #expect(SheetLayout.named("Sheet1") == nil)
        #expect(SheetLayout.msel.sheetName(in: .japanese) == "MSEL" && SheetLayout.roles.sheetName(in: .japanese) == "役割")
    }

    @Test("export writes the first header of each column in the language chosen")
    func firstHeaders() {
        let english = SheetLayout.mselColumns.map { $0.headers.first(in: .english) }
        let japanese = SheetLayout.mselColumns.map { $0.headers.first(in: .japanese) }
        #expect(english == ["id", "time", "when", "delay", "if", "from", "to", "channel", "subject", "body", "expect", "notes"])
        #expect(japanese == ["番号", "時刻", "発火条件", "遅延", "条件", "差出人", "宛先", "手段", "件名", "本文", "期待される対応", "備考"])
    }

    @Test("cell references")
    func references() {
        #expect(CellReference("C7") == CellReference(row: 7, column: 3))
        #expect(CellReference("$AA$10") == CellReference(row: 10, column: 27))
        #expect(CellReference("XFD1048576")?.description == "XFD1048576")
        #expect(CellReference("XFE1") == nil && CellReference("A0") == nil && CellReference("1A") == nil && CellReference("A") == nil)
        #expect(CellReference.columnName(703) == "AAA")
    }
}
