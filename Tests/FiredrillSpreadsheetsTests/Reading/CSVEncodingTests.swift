import FiredrillCore
import Foundation
import Testing
@testable import FiredrillSpreadsheets

/// CSV files in the encodings Excel writes: UTF-8 with and without a byte-order mark,
/// UTF-16 with one ("Unicode text", tab separated), and Windows-31J, Japanese Excel's
/// default; anything else refused with the byte that does not fit.
@Suite("CSV encodings")
struct CSVEncodingTests {
    /// An MSEL with the characters Shift_JIS alone lacks (①, ㈱ and 髙 are Windows-31J's NEC and
    /// IBM extensions), a quoted field with a comma and a line break, a doubled quote.
    static let text = "番号,時刻,宛先,手段,件名,本文\r\n1,0:05:00,全員,メール,①号機が停止（㈱ハコビ）,\"髙橋さんより、\r\n\"\"至急\"\" の連絡\"\r\n2,T+15,全員,電話,続報,\r\n"

    static func importCSV(_ data: Data, name: String = "plan.csv") -> MSELImport.Result {
        MSELImport.read(data, fileName: name)
    }

    static func checkScenario(_ result: MSELImport.Result, encoding: CSVEncoding) throws {
        #expect(result.encoding == encoding)
        #expect(result.problems.filter(\.isError) == [], "\(result.formattedProblems)")
        let scenario = try #require(result.scenario, "\(result.formattedProblems)")
        #expect(scenario.injects.map(\.id) == ["inject-1", "inject-2"])
        #expect(scenario.injects[0].subject == "①号機が停止（㈱ハコビ）")
        #expect(scenario.injects[0].body == "髙橋さんより、\n\"至急\" の連絡")
        #expect(scenario.injects[0].channel == "email" && scenario.injects[1].channel == "phone")
        #expect(scenario.injects[1].trigger == .at(.seconds(900)))
        #expect(scenario.language == "ja" && scenario.id == "plan" && scenario.title == "plan")
    }

    @Test("UTF-8 without a byte-order mark")
    func utf8() throws {
        try Self.checkScenario(Self.importCSV(Data(Self.text.utf8)), encoding: .utf8)
    }

    @Test("UTF-8 with a byte-order mark (Excel's CSV UTF-8)")
    func utf8BOM() throws {
        try Self.checkScenario(Self.importCSV(Data([0xEF, 0xBB, 0xBF] + Array(Self.text.utf8))), encoding: .utf8WithBOM)
    }

    @Test("UTF-16 with a byte-order mark, tab separated (Excel's Unicode text), both byte orders")
    func utf16() throws {
        let tsv = Self.text.replacingOccurrences(of: ",", with: "\t")
        var little: [UInt8] = [0xFF, 0xFE]
        var big: [UInt8] = [0xFE, 0xFF]
        for unit in tsv.utf16 {
            little += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            big += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        try Self.checkScenario(Self.importCSV(Data(little), name: "plan.txt"), encoding: .utf16LittleEndian)
        try Self.checkScenario(Self.importCSV(Data(big), name: "plan.txt"), encoding: .utf16BigEndian)
    }

    @Test("Windows-31J (Shift_JIS) as Japanese Excel saves it, NEC and IBM extensions included")
    func windows31J() throws {
        let bytes = try #require(Self.text.data(using: .shiftJIS))
        // ① is 87 40, ㈱ 87 8A (NEC row 13), 髙 FB FC (IBM extension): the encoding is Windows-31J.
        for pair in [[0x87, 0x40], [0x87, 0x8A], [0xFB, 0xFC]] as [[UInt8]] {
            #expect(bytes.range(of: Data(pair)) != nil, "\(pair)")
        }
        try Self.checkScenario(Self.importCSV(bytes), encoding: .windows31J)
        // The same bytes, written out by hand: 番号 and ① in Windows-31J.
        let handmade = Data([0x94, 0xD4, 0x8D, 0x86, 0x2C, 0x8E, 0x9E, 0x8D, 0x8F, 0x2C, 0x88, 0xB6, 0x90, 0xE6, 0x2C, 0x8E, 0xE8, 0x92, 0x69, 0x2C, 0x8C, 0x8F, 0x96, 0xBC, 0x0D, 0x0A]
            + Array("1,5m,all,chat,".utf8) + [0x87, 0x40, 0x0D, 0x0A])
        let result = Self.importCSV(handmade)
        #expect(result.encoding == .windows31J)
        #expect(result.scenario?.injects.first?.subject == "①", "\(result.formattedProblems)")
    }

    @Test("refused: neither UTF-8 nor Windows-31J, with the byte and its line")
    func neither() throws {
        let bytes = Data(Array("id,time,to,channel,subject\r\n1,5m,all,chat,caf".utf8) + [0x80, 0x41, 0x0D, 0x0A])
        let result = Self.importCSV(bytes)
        #expect(result.scenario == nil)
        #expect(result.formattedProblems == ["plan.csv: is neither UTF-8 nor Windows-31J (Shift_JIS) text: the byte 0x80 at byte 45 (line 2) cannot be read as either; save it as CSV UTF-8"])
        // A lead byte at the very end, cut short.
        let cut = Self.importCSV(Data(Array("id,time\r\n".utf8) + [0x82, 0xA0, 0x82]))
        #expect(cut.formattedProblems.first?.contains("at byte 11 (line 2)") == true, "\(cut.formattedProblems)")
    }

    @Test("refused: UTF-16 without a mark, UTF-32, binary data, a workbook named .csv")
    func refused() throws {
        var unmarked: [UInt8] = []
        for unit in "id,time,to,channel,subject\r\n".utf16 { unmarked += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(Self.importCSV(Data(unmarked)).formattedProblems.first?.contains("UTF-16 text without a byte-order mark") == true)
        #expect(Self.importCSV(Data([0xFF, 0xFE, 0, 0, 0x41, 0, 0, 0])).formattedProblems.first?.contains("UTF-32") == true)
        let binary = Self.importCSV(Data(Array("id,time\r\n".utf8) + [0x01, 0x02, 0x03, 0x04, 0x05]))
        #expect(binary.formattedProblems == ["plan.csv: has the control byte 0x01 at byte 9 (line 2): it is a binary file, not CSV text; export the MSEL as CSV UTF-8"])
        let nul = Self.importCSV(Data(Array("id,time,subject\r\n1,5m,".utf8) + [0x00, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46]))
        #expect(nul.formattedProblems.first?.contains("has a NUL byte at byte 22 (line 2)") == true, "\(nul.formattedProblems)")
        let zip = Self.importCSV(try WorkbookFixture().data())
        #expect(zip.formattedProblems.first?.contains("is a ZIP archive (an .xlsx workbook?), not CSV text") == true)
        let cfb = Self.importCSV(Data(XLSXReader.cfbSignature + [UInt8](repeating: 0, count: 504)))
        #expect(cfb.formattedProblems.first?.contains("Excel 97–2003 workbook or a password-protected one") == true)
        let badBOM = Self.importCSV(Data([0xEF, 0xBB, 0xBF] + Array("id,".utf8) + [0xC3, 0x28]))
        #expect(badBOM.formattedProblems.first?.contains("the byte 0xC3 at byte 6 (line 1)") == true, "\(badBOM.formattedProblems)")
    }

    @Test("tab or comma, whichever the first line uses")
    func delimiter() {
        #expect(CSVSheetReader.delimiter(of: "id\ttime\tsubject, with comma\n") == "\t")
        #expect(CSVSheetReader.delimiter(of: "id,time,\"a\tb\"\n") == ",")
    }

    @Test("fields protected from running as formulas read without their apostrophe")
    func formulaEscape() {
        #expect(CSVSheetReader.unescapeFormula("'=SUM(A1)") == "=SUM(A1)")
        #expect(CSVSheetReader.unescapeFormula("'-- urgent") == "-- urgent")
        #expect(CSVSheetReader.unescapeFormula("'quoted'") == "'quoted'")
        #expect(CSVSheetReader.escapeFormula("+15m") == "'+15m" && CSVSheetReader.escapeFormula("ok") == "ok")
    }
}
