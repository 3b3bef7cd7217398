import FiredrillCore
import FiredrillYAML
import Foundation
import Testing
import ZIPFoundation
@testable import FiredrillSpreadsheets

/// What `msel export` writes: a minimal valid workbook (the parts Excel needs, shared
/// strings, a time style), and CSV that Excel opens (UTF-8 with BOM, RFC 4180, formulas
/// defused).
@Suite("Export")
struct ExportTests {
    static func fixture() throws -> Scenario {
        let url = try #require(Bundle.module.url(forResource: "libreoffice-fixture", withExtension: "yaml", subdirectory: "Fixtures"))
        return try #require(ScenarioLoader().load(path: url.path).scenario)
    }

    static func parts(_ data: Data) throws -> [String: String] {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: String] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = String(decoding: bytes, as: UTF8.self)
        }
        return parts
    }

    @Test("a workbook has the parts Excel needs, the sheets named in the language chosen, the first headers")
    func workbookParts() throws {
        let scenario = try Self.fixture()
        let parts = try Self.parts(try MSELExport.write(scenario, format: .xlsx, language: .japanese).data)
        #expect(Set(parts.keys) == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml",
                                     "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml", "xl/worksheets/sheet5.xml"])
        let workbook = try #require(parts["xl/workbook.xml"])
        for name in ["MSEL", "シナリオ", "役割", "目標", "アンケート"] { #expect(workbook.contains("<sheet name=\"\(name)\""), "\(name)") }
        #expect(try #require(parts["xl/styles.xml"]).contains("formatCode=\"[h]:mm:ss\""))
        let english = try Self.parts(try MSELExport.write(scenario, format: .xlsx, language: .english).data)
        for name in ["MSEL", "Scenario", "Roles", "Objectives", "Survey"] { #expect(english["xl/workbook.xml"]!.contains("<sheet name=\"\(name)\""), "\(name)") }
        let strings = try #require(english["xl/sharedStrings.xml"])
        for header in ["<t xml:space=\"preserve\">time</t>", "<t xml:space=\"preserve\">persona channels</t>", "<t xml:space=\"preserve\">target</t>"] {
            #expect(strings.contains(header), "\(header)")
        }
        // A time is a number in a time style: 2 minutes is 2/1440 of a day.
        #expect(english["xl/worksheets/sheet1.xml"]!.contains("<c r=\"B2\" s=\"1\"><v>0.001388888888888889</v></c>"))
    }

    @Test("the same scenario gives the same bytes")
    func deterministic() throws {
        let scenario = try Self.fixture()
        #expect(try MSELExport.write(scenario, format: .xlsx).data == MSELExport.write(scenario, format: .xlsx).data)
    }

    @Test("CSV: UTF-8 with BOM, CRLF, RFC 4180 quotes, formulas defused, times as h:mm:ss")
    func csv() throws {
        let scenario = try Self.fixture()
        let output = try MSELExport.write(scenario, format: .csv, language: .japanese)
        #expect(output.data.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: output.data.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "番号,時刻,発火条件,遅延,条件,差出人,宛先,手段,件名,本文,期待される対応,備考")
        #expect(lines[1].hasPrefix("alert,0:02:00,,,,監視,sre,監視,①号機 応答なし,\"①号機が応答しません。\n影響：㈱ハコビの出荷ラベル。\n\",受領して調査を始める。,"))
        #expect(text.contains("customer,1:02:30,,,,お客様,ic、sre,メール,'-- 至急 -- 出荷できません,,,"))
        #expect(text.contains("follow-up,,delivered(alert),0:10:00,not delivered(customer),,全員,チャット,まだ止まっています,,,備考: =SUM(A1) のような文字も、そのまま"))
        #expect(output.warnings.last?.text(in: .english).contains("a CSV file holds the MSEL sheet only") == true)
        #expect(output.warnings.last?.text(in: .japanese).contains("CSV ファイルに入るのは MSEL シートだけです") == true)
    }

    @Test("a list item holding a separator is named in a warning")
    func separatorWarning() throws {
        var scenario = try Self.fixture()
        scenario.tags = ["a, b", "c"]
        let output = try MSELExport.write(scenario, format: .xlsx, language: .english)
        #expect(output.warnings.map { $0.text(in: .english) } == ["the tags item \"a, b\" holds a list separator (, 、 ; or a line break), so it reads back as more than one item"])
        #expect(output.warnings.map { $0.text(in: .japanese) } == ["「タグ」の項目「a, b」に区切り文字（, 、 ; または改行）が含まれているため、読み戻すと複数の項目に分かれます"])
    }

    @Test("conditions are written so that they read back the same, nesting included")
    func conditions() throws {
        let conditions: [Condition] = [
            .or(.met("a"), .or(.met("b"), .met("c"))),
            .or(.or(.met("a"), .met("b")), .met("c")),
            .and(.met("a"), .and(.met("b"), .delivered("c"))),
            .and(.or(.met("a"), .met("b")), .not(.and(.met("c"), .met("d")))),
            .not(.not(.met("a"))),
        ]
        for condition in conditions {
            let text = ConditionText.text(condition)
            #expect(try ConditionParser.parse(text).get() == condition, "\(text)")
        }
    }

    @Test("sheet names follow Excel's rules")
    func sheetNames() {
        #expect(XLSXWriter.sheetName("a/b:c") == "a_b_c")
        #expect(XLSXWriter.sheetName(String(repeating: "x", count: 40)).count == 31)
    }
}
