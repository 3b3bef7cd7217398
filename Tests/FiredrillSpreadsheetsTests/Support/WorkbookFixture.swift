import Foundation
import ZIPFoundation

/// Builds .xlsx files in tests, part by part, the way Excel lays them out: a package with
/// content types and relationships, a workbook listing its sheets, worksheets, and shared
/// strings and styles when given. Any part can be replaced or added, to make a broken or
/// hostile file.
struct WorkbookFixture {
    /// Worksheets in order: name and the XML inside `<sheetData>` (and after it, `tail`).
    var sheets: [(name: String, rows: String, tail: String)] = []
    /// `<si>` elements of sharedStrings.xml, or `nil` for none.
    var sharedStrings: [String]? = nil
    /// The whole styles.xml, or `nil` for none.
    var styles: String? = nil
    /// Parts added or replacing the generated ones, by path.
    var extraParts: [String: Data] = [:]
    /// Namespace prefix for the worksheet elements (`x:` as some writers do), or empty.
    var prefix = ""

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    mutating func sheet(_ name: String, rows: String, tail: String = "") {
        sheets.append((name, rows, tail))
    }

    /// `<c>` for text as a shared string: its index is appended to ``sharedStrings``.
    mutating func shared(_ reference: String, _ text: String, style: Int? = nil) -> String {
        if sharedStrings == nil { sharedStrings = [] }
        sharedStrings!.append("<si><t xml:space=\"preserve\">\(Self.escape(text))</t></si>")
        return "<c r=\"\(reference)\"\(style.map { " s=\"\($0)\"" } ?? "") t=\"s\"><v>\(sharedStrings!.count - 1)</v></c>"
    }

    static func inline(_ reference: String, _ text: String) -> String {
        "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(escape(text))</t></is></c>"
    }

    static func number(_ reference: String, _ value: String, style: Int? = nil) -> String {
        "<c r=\"\(reference)\"\(style.map { " s=\"\($0)\"" } ?? "")><v>\(value)</v></c>"
    }

    /// A row of inline-string cells from column A, empty strings skipped.
    static func textRow(_ number: Int, _ texts: [String]) -> String {
        var xml = "<row r=\"\(number)\">"
        for (index, text) in texts.enumerated() where !text.isEmpty {
            xml += inline(column(index + 1) + "\(number)", text)
        }
        return xml + "</row>"
    }

    static func column(_ number: Int) -> String {
        var number = number
        var letters = ""
        while number > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (number - 1) % 26))) + letters
            number = (number - 1) / 26
        }
        return letters
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    var parts: [String: Data] {
        var parts: [String: Data] = [:]
        var types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        types += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>"
        parts["[Content_Types].xml"] = Data(types.utf8)
        parts["_rels/.rels"] = Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(Self.rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".utf8)
        var workbook = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.rel)\"><workbookPr/><sheets>"
        var rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for (index, sheet) in sheets.enumerated() {
            workbook += "<sheet name=\"\(Self.escape(sheet.name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
            rels += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(Self.rel)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
            let p = prefix.isEmpty ? "" : prefix + ":"
            let ns = prefix.isEmpty ? "xmlns=\"\(Self.main)\"" : "xmlns:\(prefix)=\"\(Self.main)\""
            parts["xl/worksheets/sheet\(index + 1).xml"] = Data("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<\(p)worksheet \(ns) xmlns:r=\"\(Self.rel)\"><\(p)sheetData>\(prefixed(sheet.rows))</\(p)sheetData>\(prefixed(sheet.tail))</\(p)worksheet>".utf8)
        }
        workbook += "</sheets></workbook>"
        if sharedStrings != nil {
            rels += "<Relationship Id=\"rIdS\" Type=\"\(Self.rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            parts["xl/sharedStrings.xml"] = Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(Self.main)\" count=\"\(sharedStrings!.count)\" uniqueCount=\"\(sharedStrings!.count)\">\(sharedStrings!.joined())</sst>".utf8)
        }
        if let styles {
            rels += "<Relationship Id=\"rIdT\" Type=\"\(Self.rel)/styles\" Target=\"styles.xml\"/>"
            parts["xl/styles.xml"] = Data(styles.utf8)
        }
        rels += "</Relationships>"
        parts["xl/workbook.xml"] = Data(workbook.utf8)
        parts["xl/_rels/workbook.xml.rels"] = Data(rels.utf8)
        for (path, data) in extraParts { parts[path] = data }
        return parts
    }

    private func prefixed(_ xml: String) -> String {
        guard !prefix.isEmpty else { return xml }
        var out = xml
        for name in ["row", "c", "v", "f", "is", "t", "mergeCells", "mergeCell"] {
            out = out.replacingOccurrences(of: "<\(name) ", with: "<\(prefix):\(name) ")
                .replacingOccurrences(of: "<\(name)>", with: "<\(prefix):\(name)>")
                .replacingOccurrences(of: "</\(name)>", with: "</\(prefix):\(name)>")
        }
        return out
    }

    func data() throws -> Data {
        try Self.zip(parts)
    }

    /// A ZIP archive of the parts, in path order, compressed.
    static func zip(_ parts: [String: Data], compression: CompressionMethod = .deflate) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in parts.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compression) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data!
    }

    /// The styles.xml Excel writes for a sheet with time cells: `cellXfs` 0 General, 1 `h:mm:ss`
    /// (built-in 21), 2 `[h]:mm:ss` (built-in 46), 3 a custom `[h]:mm`, 4 a date (built-in 14),
    /// 5 a custom `yyyy/m/d h:mm`, 6 `0.00`.
    static let excelStyles = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><numFmts count="2"><numFmt numFmtId="176" formatCode="[h]:mm"/><numFmt numFmtId="177" formatCode="yyyy/m/d\\ h:mm"/></numFmts><fonts count="1"><font><sz val="11"/><color theme="1"/><name val="游ゴシック"/><family val="2"/><charset val="128"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/></xf></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf><xf numFmtId="21" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="46" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="177" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="標準" xfId="0" builtinId="0"/></cellStyles></styleSheet>
    """
}
