import CSV
import Testing
@testable import FiredrillReporting

@Suite("CSV")
struct CSVDocumentTests {
    /// Reads CSV text back with the CSV.swift reader, as a spreadsheet would.
    func records(_ text: String) throws -> [[String]] {
        let reader = try CSVReader(string: text)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    @Test("fields with CR, LF, CRLF, commas and quotes stay one field of one record")
    func quoting() throws {
        var csv = CSVDocument(header: ["id", "issue"])
        let hostile = ["line one\r\nline two", "cr\ronly", "lf\nonly", "a, b", "say \"hi\"", "日本語、テキスト"]
        for (index, text) in hostile.enumerated() { csv.append(["\(index)", text]) }
        let text = csv.text()
        #expect(text.hasSuffix("\r\n"))
        let rows = try records(text)
        #expect(rows.count == hostile.count + 1)
        #expect(rows.dropFirst().map { $0[1] } == hostile)
        #expect(text.contains("\"line one\r\nline two\""))
    }

    @Test func byteOrderMarkOnRequest() {
        var csv = CSVDocument(header: ["名前"])
        csv.append(["値"])
        #expect(csv.text(byteOrderMark: true).hasPrefix("\u{FEFF}名前\r\n"))
        #expect(!csv.text().hasPrefix("\u{FEFF}"))
    }

    @Test("text a spreadsheet would run as a formula gets an apostrophe; numbers stay numbers")
    func formulas() throws {
        var csv = CSVDocument(header: ["value"])
        for value in ["=HYPERLINK(\"http://x\")", "+1+2", "@SUM(A1)", "-3.5", "- a list item", "plain"] { csv.append([value]) }
        #expect(try records(csv.text()).dropFirst().map { $0[0] } == [
            "'=HYPERLINK(\"http://x\")", "'+1+2", "'@SUM(A1)", "-3.5", "'- a list item", "plain",
        ])
    }
}
