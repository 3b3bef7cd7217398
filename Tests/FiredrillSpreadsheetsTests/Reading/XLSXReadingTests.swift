import FiredrillCore
import Foundation
import Testing
@testable import FiredrillSpreadsheets

/// Workbooks as Excel writes them: shared strings (rich text, furigana), inline strings,
/// numbers, booleans, formulas with their cached values, time cells by their number format,
/// merged cells, empty rows, a title above the header row, sheets found by name.
@Suite("Reading workbooks")
struct XLSXReadingTests {
    /// A Japanese MSEL as Excel saves it.
    static func excelWorkbook() throws -> Data {
        var book = WorkbookFixture()
        book.styles = WorkbookFixture.excelStyles
        // シナリオ: key and value, as shared strings.
        var scenario = "<row r=\"1\">\(book.shared("A1", "項目"))\(book.shared("B1", "値"))</row>"
        for (index, (key, value)) in [("ID", "excel-drill"), ("タイトル", "Excel で作った訓練"), ("言語", "日本語"), ("タグ", "テスト、障害")].enumerated() {
            scenario += "<row r=\"\(index + 2)\">\(book.shared("A\(index + 2)", key))\(book.shared("B\(index + 2)", value))</row>"
        }
        scenario += "<row r=\"6\">\(book.shared("A6", "所要時間"))\(WorkbookFixture.number("B6", "8.3333333333333329E-2", style: 2))</row>"
        book.sheet("シナリオ", rows: scenario)

        // MSEL: a merged title, a blank row, the header row, then injects.
        var msel = "<row r=\"1\" spans=\"1:6\">\(book.shared("A1", "障害訓練 MSEL"))</row><row r=\"2\"/>"
        msel += "<row r=\"3\">"
        for (index, header) in ["No.", "経過時間", "宛先", "伝達手段", "件名", "本文", "備考", "担当者"].enumerated() {
            msel += book.shared(WorkbookFixture.column(index + 1) + "3", header)
        }
        msel += "</row>"
        // Rich text with a phonetic guide (furigana), as Japanese Excel stores a typed name.
        book.sharedStrings!.append("<si><r><rPr><b/><sz val=\"11\"/></rPr><t>髙橋</t></r><r><t xml:space=\"preserve\">さんから連絡</t></r><rPh sb=\"0\" eb=\"2\"><t>タカハシ</t></rPh><phoneticPr fontId=\"1\"/></si>")
        let rich = book.sharedStrings!.count - 1
        msel += "<row r=\"4\">" + WorkbookFixture.number("A4", "1") + WorkbookFixture.number("B4", "3.472222222222222E-3", style: 1)
            + book.shared("C4", "sre") + book.shared("D4", "メール") + "<c r=\"E4\" t=\"s\"><v>\(rich)</v></c>"
            + "<c r=\"F4\" t=\"inlineStr\"><is><t>一行目_x000D_\n二行目</t></is></c>" + book.shared("H4", "佐藤") + "</row>"
        msel += "<row r=\"5\">" + WorkbookFixture.number("A5", "2") + WorkbookFixture.number("B5", "1.0416666666666666E-2", style: 2)
            + "<c r=\"D5\" t=\"str\"><f>\"電\"&amp;\"話\"</f><v>電話</v></c>" + book.shared("E5", "続報")
            + "<c r=\"G5\" t=\"b\"><v>0</v></c></row>"
        msel += "<row r=\"6\"/>"
        msel += "<row r=\"7\">" + WorkbookFixture.number("A7", "3") + WorkbookFixture.number("B7", "6.25E-2", style: 3)
            + book.shared("C7", "全員") + book.shared("D7", "チャット") + book.shared("E7", "終了") + "</row>"
        book.sheet("MSEL", rows: msel, tail: "<mergeCells count=\"2\"><mergeCell ref=\"A1:F1\"/><mergeCell ref=\"C4:C5\"/></mergeCells>")

        book.sheet("役割", rows: WorkbookFixture.textRow(1, ["ID", "名前", "部署"]) + WorkbookFixture.textRow(2, ["sre", "SRE 当番", "インフラ部"]))
        book.sheet("目標", rows: WorkbookFixture.textRow(1, ["ID", "種類", "起点", "目標時間", "重み"])
            + "<row r=\"2\">" + WorkbookFixture.inline("A2", "ack") + WorkbookFixture.inline("B2", "受領") + WorkbookFixture.number("C2", "1")
            + WorkbookFixture.number("D2", "3.472222222222222E-3", style: 1) + WorkbookFixture.number("E2", "1.5", style: 6) + "</row>")
        book.sheet("グラフ用", rows: WorkbookFixture.textRow(1, ["関係のないシート"]))
        return try book.data()
    }

    @Test("an Excel workbook imports: shared, rich and inline strings, numbers, formulas, times, merged cells")
    func excelMSEL() throws {
        let result = MSELImport.read(try Self.excelWorkbook(), fileName: "訓練.xlsx")
        #expect(result.problems.filter(\.isError) == [], "\(result.formattedProblems)")
        let scenario = try #require(result.scenario, "\(result.formattedProblems)")
        #expect(scenario.id == "excel-drill" && scenario.title == "Excel で作った訓練" && scenario.language == "ja")
        #expect(scenario.tags == ["テスト", "障害"] && scenario.duration == .seconds(7200))
        #expect(scenario.injects.map(\.id) == ["inject-1", "inject-2", "inject-3"])
        let (first, second, third) = (scenario.injects[0], scenario.injects[1], scenario.injects[2])
        #expect(first.trigger == .at(.seconds(300)) && second.trigger == .at(.seconds(900)) && third.trigger == .at(.seconds(5400)))
        // The merged C4:C5 gives the second inject the first one's recipients.
        #expect(first.to == .roles(["sre"]) && second.to == .roles(["sre"]) && third.to == .all)
        #expect(first.channel == "email" && second.channel == "phone" && third.channel == "chat")
        // Rich text runs joined, the furigana left out; _x000D_ and CRLF are line breaks.
        #expect(first.subject == "髙橋さんから連絡")
        #expect(first.body == "一行目\n二行目", "\(String(describing: first.body))")
        // An unknown column's value goes to the notes, with its header; a boolean reads as FALSE.
        #expect(first.notes == "担当者: 佐藤")
        #expect(second.notes == "FALSE")
        #expect(scenario.objectives.first?.from == "inject-1" && scenario.objectives.first?.kind == .acknowledge)
        #expect(scenario.objectives.first?.weight == 1.5 && scenario.objectives.first?.target == .seconds(300))
        // The unknown column is a warning at its header cell, with nothing else to say.
        #expect(result.formattedProblems == ["訓練.xlsx:MSEL!H3: warning: unknown column \"担当者\" — its values go to each inject's notes"])
    }

    @Test("cells by type: dates, errors, formulas without a saved value, prefixed element names")
    func cellTypes() throws {
        var book = WorkbookFixture()
        book.styles = WorkbookFixture.excelStyles
        book.prefix = "x"
        book.sheet("Injects", rows: WorkbookFixture.textRow(1, ["id", "time", "to", "channel", "subject"])
            + "<row r=\"2\">" + WorkbookFixture.inline("A2", "a") + WorkbookFixture.number("B2", "45000.5", style: 4)
            + WorkbookFixture.inline("C2", "all") + WorkbookFixture.inline("D2", "chat") + "<c r=\"E2\" t=\"e\"><v>#N/A</v></c></row>"
            + "<row r=\"3\">" + WorkbookFixture.inline("A3", "b") + WorkbookFixture.number("B3", "45000.5", style: 5)
            + WorkbookFixture.inline("C3", "all") + WorkbookFixture.inline("D3", "chat") + "<c r=\"E3\"><f>A1&amp;B1</f></c></row>"
            + "<row r=\"4\">" + WorkbookFixture.inline("A4", "c") + WorkbookFixture.number("B4", "15")
            + WorkbookFixture.inline("C4", "all") + WorkbookFixture.inline("D4", "chat") + WorkbookFixture.inline("E4", "ok") + "</row>")
        let result = MSELImport.read(try book.data(), fileName: "types.xlsx")
        #expect(result.scenario == nil)
        let lines = result.formattedProblems
        #expect(lines.contains("types.xlsx:Injects!B2: time: the cell is a date (45000.5 days); write the drill time since the start instead, e.g. 0:15:00 or T+15"), "\(lines)")
        #expect(lines.contains("types.xlsx:Injects!E2: the cell holds the error #N/A; fix its formula or type the value"), "\(lines)")
        #expect(lines.contains("types.xlsx:Injects!B3: time: the cell is a date (45000.5 days); write the drill time since the start instead, e.g. 0:15:00 or T+15"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("types.xlsx:Injects!E3: warning: the formula has no saved value") }, "\(lines)")
        #expect(lines.contains("types.xlsx:Injects!E3: subject is empty; an inject needs one"), "\(lines)")
        #expect(lines.contains("types.xlsx:Injects!B4: time: the number 15 has no unit; write 15m for minutes (or 0:15:00, T+15, 15s), or format the cell as a time"), "\(lines)")
    }

    @Test("number formats: built-in time and date ids, custom codes with h, m and s")
    func numberFormats() {
        for id in [18, 19, 20, 21, 45, 46, 47] { #expect(NumberFormats.kind(ofBuiltIn: id) == .time, "\(id)") }
        for id in [14, 15, 16, 17, 22] { #expect(NumberFormats.kind(ofBuiltIn: id) == .date, "\(id)") }
        for id in [0, 1, 2, 9, 10, 49] { #expect(NumberFormats.kind(ofBuiltIn: id) == .general, "\(id)") }
        #expect(NumberFormats.kind(ofCode: "[h]:mm:ss") == .time)
        #expect(NumberFormats.kind(ofCode: "[mm]") == .time)
        #expect(NumberFormats.kind(ofCode: "h\"時\"mm\"分\"") == .time)
        #expect(NumberFormats.kind(ofCode: "[$-F400]h:mm:ss\\ AM/PM") == .time)
        #expect(NumberFormats.kind(ofCode: "yyyy/m/d\\ h:mm") == .date)
        #expect(NumberFormats.kind(ofCode: "mm/dd") == .date)
        #expect(NumberFormats.kind(ofCode: "[Red]0.00") == .general)
        #expect(NumberFormats.kind(ofCode: "0.00E+00") == .general)
        #expect(NumberFormats.kind(ofCode: "\"h\"0") == .general)
        #expect(NumberFormats.kind(ofCode: "General") == .general)
    }

    @Test("the MSEL is the sheet so named, else the first sheet no name claims; the header row is the first with two known headers")
    func findingTheMSEL() throws {
        var book = WorkbookFixture()
        book.sheet("scenario", rows: WorkbookFixture.textRow(1, ["id", "first-sheet"]) + WorkbookFixture.textRow(2, ["duration", "1h"]))
        book.sheet("Plan", rows: WorkbookFixture.textRow(1, ["Exercise plan, subject to change"]) + WorkbookFixture.textRow(2, ["Time", "Prepared by"])
            + WorkbookFixture.textRow(3, ["Time", "To", "Method", "Inject"]) + WorkbookFixture.textRow(4, ["T+5", "all", "e-mail", "Hello"]))
        let result = MSELImport.read(try book.data(), fileName: "plan.xlsx")
        let scenario = try #require(result.scenario, "\(result.formattedProblems)")
        #expect(scenario.id == "first-sheet" && scenario.duration == .seconds(3600) && scenario.language == "en")
        #expect(scenario.injects.count == 1 && scenario.injects[0].subject == "Hello" && scenario.injects[0].channel == "email")
        #expect(scenario.roles.map(\.id) == ["player"], "no Roles sheet and no names in to: one role for everyone")
    }

    @Test("a workbook without an MSEL, or without a header row, says so")
    func noMSEL() throws {
        var book = WorkbookFixture()
        book.sheet("Roles", rows: WorkbookFixture.textRow(1, ["id", "name"]))
        #expect(MSELImport.read(try book.data(), fileName: "r.xlsx").formattedProblems == ["r.xlsx: has no MSEL sheet: name the sheet of injects MSEL, Injects or インジェクト (the sheets read: \"Roles\")"])
        var headless = WorkbookFixture()
        headless.sheet("MSEL", rows: WorkbookFixture.textRow(1, ["Only a title"]))
        let lines = MSELImport.read(try headless.data(), fileName: "h.xlsx").formattedProblems
        #expect(lines.count == 1 && lines[0].hasPrefix("h.xlsx:MSEL: no header row: no row of sheet MSEL has two of the MSEL's headers"), "\(lines)")
    }

    @Test("shared strings and escapes")
    func texts() {
        #expect(OOXMLText.decode("a_x000D_\nb") == "a\nb")
        #expect(OOXMLText.decode("tab_x0009_here") == "tab\there")
        #expect(OOXMLText.decode("_x005F_x0041_") == "_x0041_")
        #expect(OOXMLText.decode(OOXMLText.encode("keep _x0041_ as typed")) == "keep _x0041_ as typed")
        #expect(OOXMLText.encode("bell\u{7}") == "bell_x0007_")
    }
}
