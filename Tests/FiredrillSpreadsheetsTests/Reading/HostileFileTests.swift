import FiredrillCore
import Foundation
import Testing
import ZIPFoundation
@testable import FiredrillSpreadsheets

/// Files that must be refused quickly, in bounded memory, with a message naming the file
/// and what to do: ZIP bombs (declared or hidden), too many entries, encrypted and old
/// workbooks, macros without sheets, a name that lies, XML with a DTD.
@Suite("Hostile files")
struct HostileFileTests {
    static func problems(_ data: Data, _ name: String = "plan.xlsx", limits: SpreadsheetLimits = .default) -> [String] {
        MSELImport.read(data, fileName: name, limits: limits).formattedProblems
    }

    static func minimalBook() -> WorkbookFixture {
        var book = WorkbookFixture()
        book.sheet("MSEL", rows: WorkbookFixture.textRow(1, ["id", "time", "to", "channel", "subject"]) + WorkbookFixture.textRow(2, ["a", "5m", "all", "chat", "Hello"]))
        return book
    }

    @Test("a ZIP bomb that declares its size is refused before anything is inflated")
    func declaredBomb() throws {
        var book = Self.minimalBook()
        // 70 MB of zeros compress to a few tens of kilobytes.
        book.extraParts["xl/media/zeros.bin"] = Data(count: 70 * 1_048_576)
        let lines = Self.problems(try book.data())
        #expect(lines.count == 1 && lines[0].hasPrefix("plan.xlsx: would unpack to more than 64 MB"), "\(lines)")
    }

    @Test("a part that inflates to more than it declares is stopped while inflating")
    func lyingBomb() throws {
        // A sheet whose declared size is patched down to 100 bytes, in the local header and the
        // central directory: the count of inflated bytes catches it.
        var book = Self.minimalBook()
        let big = String(repeating: "<row/>", count: 400_000)
        book.sheets[0].rows += big
        var data = try book.data()
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        let actual = UInt32(book.parts["xl/worksheets/sheet1.xml"]!.count)
        var patched = 0
        let bytes = [UInt8](data)
        for index in 0..<(bytes.count - 50) {
            let signature = Array(bytes[index..<index + 4])
            let isLocal = signature == [0x50, 0x4B, 0x03, 0x04]
            let isCentral = signature == [0x50, 0x4B, 0x01, 0x02]
            guard isLocal || isCentral else { continue }
            let nameOffset = index + (isLocal ? 30 : 46)
            guard nameOffset + name.count <= bytes.count, Array(bytes[nameOffset..<nameOffset + name.count]) == name else { continue }
            let sizeOffset = index + (isLocal ? 22 : 24)
            let declared = bytes[sizeOffset..<sizeOffset + 4].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
            #expect(declared == actual)
            for (offset, byte) in [UInt8(100), 0, 0, 0].enumerated() { data[sizeOffset + offset] = byte }
            patched += 1
        }
        #expect(patched == 2)
        let lines = Self.problems(data)
        #expect(lines == ["plan.xlsx: is refused: its part xl/worksheets/sheet1.xml inflates to more than it declares or than 64 MB in all (a ZIP bomb, or a damaged file)"])
    }

    @Test("the budget counts every part inflated, and the number of entries is bounded")
    func budgets() throws {
        var limits = SpreadsheetLimits()
        limits.maximumUncompressedBytes = 4_000
        var book = Self.minimalBook()
        book.sheets[0].rows += String(repeating: "<row/>", count: 1_000)
        #expect(Self.problems(try book.data(), limits: limits).first?.contains("would unpack to more than 0 MB") == true)
        var many = Self.minimalBook()
        for index in 0..<1_001 { many.extraParts["xl/media/\(index).txt"] = Data("x".utf8) }
        #expect(Self.problems(try many.data()) == ["plan.xlsx: has more than 1000 files inside its ZIP archive; a workbook has a few dozen, so it is refused (is it a workbook at all?)"])
    }

    @Test("too many cells are refused, merged ranges included")
    func cells() throws {
        var limits = SpreadsheetLimits()
        limits.maximumCells = 50
        var book = Self.minimalBook()
        book.sheets[0].tail = "<mergeCells count=\"1\"><mergeCell ref=\"A2:XFD1048576\"/></mergeCells>"
        // The whole-sheet merge fills only the rows with content, up to the last column with content.
        let merged = MSELImport.read(try book.data(), fileName: "plan.xlsx")
        #expect(merged.scenario?.injects.count == 1, "\(merged.formattedProblems)")
        for row in 3...20 { book.sheets[0].rows += WorkbookFixture.textRow(row, ["x\(row)", "5m", "all", "chat", "s"]) }
        #expect(Self.problems(try book.data(), limits: limits) == ["plan.xlsx: has more cells than firedrill reads from one file; keep the MSEL's sheets to what the drill needs"])
    }

    @Test("an encrypted workbook (an OLE compound file with EncryptionInfo) and an old .xls")
    func encryptedAndOld() throws {
        var encrypted = XLSXReader.cfbSignature + [UInt8](repeating: 0, count: 1_024)
        encrypted += Array("EncryptionInfo".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(Self.problems(Data(encrypted)) == ["plan.xlsx: is an encrypted (password-protected) workbook, which firedrill cannot read; in Excel, File > Info > Protect Workbook > Encrypt with Password, clear the password and save, then import again"])
        let old = XLSXReader.cfbSignature + [UInt8](repeating: 0, count: 1_024) + Array("Workbook".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(Self.problems(Data(old), "plan.xls").first?.contains("Excel 97–2003 workbook (.xls)") == true)
    }

    @Test("macros without sheets; a workbook with macros is read, its macros never run")
    func macros() throws {
        let macrosOnly = try WorkbookFixture.zip(["xl/vbaProject.bin": Data(repeating: 7, count: 512), "[Content_Types].xml": Data("<Types/>".utf8)])
        #expect(Self.problems(macrosOnly, "plan.xlsm") == ["plan.xlsm: holds macros (a VBA project) but no workbook with sheets; save the sheets themselves as an .xlsx workbook"])
        var noSheets = WorkbookFixture()
        noSheets.extraParts["xl/vbaProject.bin"] = Data(repeating: 7, count: 512)
        #expect(Self.problems(try noSheets.data(), "plan.xlsm") == ["plan.xlsm: holds macros (a VBA project) but no worksheets, so there is no MSEL to read; save the sheets themselves as an .xlsx workbook"])
        var withSheets = Self.minimalBook()
        withSheets.extraParts["xl/vbaProject.bin"] = Data(repeating: 7, count: 512)
        let result = MSELImport.read(try withSheets.data(), fileName: "plan.xlsm")
        #expect(result.scenario != nil)
        #expect(result.formattedProblems.contains("plan.xlsm: warning: the workbook contains macros; firedrill reads only the cells' values and never runs them"))
    }

    @Test("a file named .xlsx that is not a ZIP archive")
    func notZIP() {
        #expect(Self.problems(Data("id,time,to\n1,5m,all\n".utf8)) == ["plan.xlsx: is named like a workbook but holds text (CSV?), not an .xlsx workbook (a ZIP archive); if it is CSV, name it .csv, or save it from Excel as Excel Workbook (.xlsx)"])
        #expect(Self.problems(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0])) == ["plan.xlsx: is not an .xlsx workbook: an .xlsx file is a ZIP archive starting with 50 4B 03 04, this one starts with 89 50 4E 47; save it from Excel as Excel Workbook (.xlsx)"])
        #expect(Self.problems(Data()) == ["plan.xlsx: is empty; an .xlsx workbook is a ZIP archive"])
        #expect(Self.problems(Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])).first?.contains("is damaged") == true)
        #expect(Self.problems(Data("<?xml version=\"1.0\"?><Workbook/>".utf8)).first?.contains("Excel 2003 XML") == true)
    }

    @Test("other ZIP files: OpenDocument, Word, binary workbooks")
    func otherZIPs() throws {
        let ods = try WorkbookFixture.zip(["mimetype": Data("application/vnd.oasis.opendocument.spreadsheet".utf8), "content.xml": Data("<x/>".utf8)])
        #expect(Self.problems(ods).first?.contains("OpenDocument file (.ods)") == true)
        let docx = try WorkbookFixture.zip(["word/document.xml": Data("<x/>".utf8)])
        #expect(Self.problems(docx).first?.contains("Word or PowerPoint") == true)
        let xlsb = try WorkbookFixture.zip(["xl/workbook.bin": Data([1, 2, 3])])
        #expect(Self.problems(xlsb).first?.contains("binary workbook (.xlsb)") == true)
    }

    @Test("XML with a DTD is refused: no entity is ever expanded or fetched")
    func dtd() throws {
        var book = Self.minimalBook()
        book.extraParts["xl/sharedStrings.xml"] = Data("""
        <?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><sst xmlns="\(WorkbookFixture.main)"><si><t>&b;</t></si></sst>
        """.utf8)
        book.sharedStrings = []
        #expect(Self.problems(try book.data()) == ["plan.xlsx: is refused: its part xl/sharedStrings.xml has a document type declaration (<!DOCTYPE or <!ENTITY), which no workbook needs; entities are never expanded"])
        var external = Self.minimalBook()
        external.sheets[0].rows = "<!-- x --><row r=\"1\"><c t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>"
        external.extraParts["xl/worksheets/sheet1.xml"] = Data("<?xml version=\"1.0\"?><!doctype worksheet SYSTEM \"file:///etc/passwd\"><worksheet/>".utf8)
        #expect(Self.problems(try external.data()).first?.contains("document type declaration") == true)
    }

    @Test("broken XML and damaged entries name the part")
    func broken() throws {
        var book = Self.minimalBook()
        book.extraParts["xl/worksheets/sheet1.xml"] = Data("<worksheet><sheetData><row></sheetData>".utf8)
        let lines = Self.problems(try book.data())
        #expect(lines.first?.hasPrefix("plan.xlsx: is damaged: its part xl/worksheets/sheet1.xml is not well-formed XML") == true, "\(lines)")
        var references = Self.minimalBook()
        references.sheets[0].rows = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>99</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>time</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>to</t></is></c></row>"
        #expect(Self.problems(try references.data()).contains("plan.xlsx:MSEL!A1: the cell refers to shared text number 99, which the workbook does not have (the file is damaged)"))
    }

    @Test("the scenario format's limits apply to what a sheet makes")
    func scenarioLimits() throws {
        var book = WorkbookFixture()
        var rows = WorkbookFixture.textRow(1, ["id", "time", "to", "channel", "subject"])
        for row in 2...5_003 { rows += WorkbookFixture.textRow(row, ["i\(row)", "5m", "all", "chat", "s"]) }
        book.sheet("MSEL", rows: rows)
        let lines = Self.problems(try book.data())
        #expect(lines.contains("plan.xlsx:MSEL!A5002: more than 5000 injects; the scenario format's limit is 5000, so the rows from here on are not read"), "\(lines.prefix(5))")
        var long = Self.minimalBook()
        long.sheets[0].rows += WorkbookFixture.textRow(3, ["b", "5m", "all", "chat", String(repeating: "x", count: 600)])
        #expect(Self.problems(try long.data()).contains("plan.xlsx:MSEL!E3: 'subject' is 600 characters long; the limit is 500"))
    }
}
