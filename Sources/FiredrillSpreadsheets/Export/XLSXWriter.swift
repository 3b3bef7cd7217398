import Foundation
import ZIPFoundation

/// Writes sheets as a minimal Office Open XML workbook that Excel, LibreOffice and
/// openpyxl open: the package's content types and relationships, the workbook, one part per
/// sheet, shared strings, and styles with a time format (`[h]:mm:ss`), wrapped text and
/// bold headers. The bytes depend on the sheets alone (entries carry a fixed date).
enum XLSXWriter {
    struct Failure: Error {
        var message: String
    }

    /// Cell styles (indexes into `cellXfs`).
    private enum Style: Int {
        case plain = 0, time = 1, wrapped = 2, header = 3
    }

    static func write(_ sheets: [SheetTable]) throws(Failure) -> Data {
        var strings = SharedStringTable()
        var parts: [(String, String)] = []
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", worksheet(sheet, selected: index == 0, strings: &strings)))
        }
        parts.insert(("[Content_Types].xml", contentTypes(sheetCount: sheets.count)), at: 0)
        parts.insert(("_rels/.rels", packageRelationships), at: 1)
        parts.insert(("xl/workbook.xml", workbook(sheets)), at: 2)
        parts.insert(("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: sheets.count)), at: 3)
        parts.append(("xl/styles.xml", styles))
        parts.append(("xl/sharedStrings.xml", strings.xml))
        do {
            let archive = try Archive(accessMode: .create)
            // 1 January 2000: a fixed date, so that the same sheets give the same bytes.
            let date = Date(timeIntervalSince1970: 946_684_800)
            for (path, text) in parts {
                let data = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw Failure(message: "the workbook could not be assembled in memory") }
            return data
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(message: "the workbook could not be written (\(error))")
        }
    }

    // MARK: - Parts

    private static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    private static func contentTypes(sheetCount: Int) -> String {
        var xml = declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for index in 0..<sheetCount {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        xml += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        return xml + "</Types>"
    }

    private static let packageRelationships = declaration
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(officeRelationships)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    private static func workbook(_ sheets: [SheetTable]) -> String {
        var xml = declaration + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(officeRelationships)\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, sheet) in sheets.enumerated() {
            xml += "<sheet name=\"\(escape(sheetName(sheet.name)))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        return xml + "</sheets></workbook>"
    }

    /// Excel's rules for a sheet name: at most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ name: String) -> String {
        String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
    }

    private static func workbookRelationships(sheetCount: Int) -> String {
        var xml = declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in 0..<sheetCount {
            xml += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(officeRelationships)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(officeRelationships)/styles\" Target=\"styles.xml\"/>"
        xml += "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(officeRelationships)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        return xml + "</Relationships>"
    }

    private static let styles = declaration
        + "<styleSheet xmlns=\"\(main)\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"[h]:mm:ss\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"4\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\"/></xf>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    private static func worksheet(_ sheet: SheetTable, selected: Bool, strings: inout SharedStringTable) -> String {
        var xml = declaration + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(officeRelationships)\">"
        xml += "<sheetViews><sheetView\(selected ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">"
        xml += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if !sheet.widths.isEmpty {
            xml += "<cols>"
            for (index, width) in sheet.widths.enumerated() {
                xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(CellValue.plain(width))\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        for (rowIndex, row) in sheet.rows.enumerated() {
            let number = rowIndex + 1
            xml += "<row r=\"\(number)\">"
            for (columnIndex, value) in row.enumerated() {
                guard let value else { continue }
                let reference = CellReference(row: number, column: columnIndex + 1).description
                switch value {
                case .text(let text):
                    let style: Style = rowIndex == 0 ? .header : .wrapped
                    xml += "<c r=\"\(reference)\" s=\"\(style.rawValue)\" t=\"s\"><v>\(strings.index(of: text))</v></c>"
                case .time(let seconds):
                    xml += "<c r=\"\(reference)\" s=\"\(Style.time.rawValue)\"><v>\(ExcelTime.dayFraction(seconds: seconds))</v></c>"
                case .number(let number):
                    xml += "<c r=\"\(reference)\" s=\"\(Style.plain.rawValue)\"><v>\(CellValue.plain(number))</v></c>"
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// Escapes text for XML content and attribute values.
    static func escape(_ text: String) -> String {
        guard text.contains(where: { "&<>\"".contains($0) }) else { return text }
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    /// The workbook's shared strings, each text once, in order of first use.
    private struct SharedStringTable {
        private var indexes: [String: Int] = [:]
        private var texts: [String] = []
        private var uses = 0

        mutating func index(of text: String) -> Int {
            uses += 1
            if let index = indexes[text] { return index }
            indexes[text] = texts.count
            texts.append(text)
            return texts.count - 1
        }

        var xml: String {
            var xml = declaration + "<sst xmlns=\"\(XLSXWriter.main)\" count=\"\(uses)\" uniqueCount=\"\(texts.count)\">"
            for text in texts {
                xml += "<si><t xml:space=\"preserve\">\(escape(OOXMLText.encode(text)))</t></si>"
            }
            return xml + "</sst>"
        }
    }
}
