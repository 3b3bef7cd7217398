import Foundation
import SWXMLHash

/// Reads the sheets of an Office Open XML workbook (.xlsx, .xlsm) from its bytes: the
/// workbook's sheet list and relationships, shared strings, number formats, and the
/// worksheets a caller asks for. Nothing outside the file is followed (external
/// relationships are ignored) and no macro is ever looked at.
struct XLSXReader {
    private var package: ZIPPackage
    private let limits: SpreadsheetLimits
    /// The worksheets in the workbook's order: name and part path.
    private(set) var sheets: [(name: String, path: String)] = []
    private var sharedStrings: [String] = []
    private var formats = NumberFormats()
    private(set) var notes: [SpreadsheetProblem] = []

    struct Failure: Error {
        var message: String
    }

    static let cfbSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    init(data: Data, limits: SpreadsheetLimits) throws(Failure) {
        self.limits = limits
        if data.starts(with: Self.cfbSignature) {
            throw Failure(message: Self.isEncrypted(data)
                ? "is an encrypted (password-protected) workbook, which firedrill cannot read; in Excel, File > Info > Protect Workbook > Encrypt with Password, clear the password and save, then import again"
                : "is an Excel 97–2003 workbook (.xls) or another OLE document, not an .xlsx workbook; in Excel, save it as Excel Workbook (.xlsx) and import that")
        }
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06]) else {
            throw Failure(message: Self.notZIP(data))
        }
        do {
            package = try ZIPPackage(data: data, limits: limits)
        } catch {
            throw Failure(message: error.message)
        }
        try readWorkbook()
    }

    /// What a file named like a workbook that is not a ZIP archive most likely is.
    static func notZIP(_ data: Data) -> String {
        let start = data.prefix(512)
        if start.isEmpty { return "is empty; an .xlsx workbook is a ZIP archive" }
        if start.starts(with: Array("<?xml".utf8)) || start.starts(with: [0xEF, 0xBB, 0xBF, 0x3C]) {
            return "is an XML file (an Excel 2003 XML spreadsheet?), not an .xlsx workbook; in Excel, save it as Excel Workbook (.xlsx)"
        }
        let text = start.allSatisfy { $0 >= 0x09 && $0 != 0x7F } || start.starts(with: [0xEF, 0xBB, 0xBF])
        if text || start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF]) {
            return "is named like a workbook but holds text (CSV?), not an .xlsx workbook (a ZIP archive); if it is CSV, name it .csv, or save it from Excel as Excel Workbook (.xlsx)"
        }
        let hex = start.prefix(4).map { String(format: "%02X", $0) }.joined(separator: " ")
        return "is not an .xlsx workbook: an .xlsx file is a ZIP archive starting with 50 4B 03 04, this one starts with \(hex); save it from Excel as Excel Workbook (.xlsx)"
    }

    /// An encrypted OOXML file is a compound file with an `EncryptionInfo` stream; its
    /// directory names are UTF-16.
    static func isEncrypted(_ data: Data) -> Bool {
        let name = Array("EncryptionInfo".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        return data.prefix(4 * 1_048_576).range(of: Data(name)) != nil
    }

    // MARK: - The workbook

    private mutating func readWorkbook() throws(Failure) {
        let workbookPath = try officeDocumentPath()
        guard let workbookData = try part(workbookPath) else {
            throw Failure(message: whyNoWorkbook())
        }
        let workbook = try xml(workbookData, name: workbookPath)
        guard let root = XMLPart.root(workbook, named: "workbook") else {
            throw Failure(message: "is not a workbook: its main part \(workbookPath) is not a spreadsheet's (a Word or PowerPoint file?); save the MSEL from Excel as Excel Workbook (.xlsx)")
        }
        let relationships = try self.relationships(of: workbookPath)
        if let sheetList = XMLPart.child(root, named: "sheets") {
            for sheet in XMLPart.children(sheetList, named: "sheet") {
                guard let name = XMLPart.attribute(sheet, "name"),
                      let id = XMLPart.attribute(sheet, "id", prefixed: true),
                      let target = relationships[id], target.type.hasSuffix("/worksheet")
                else { continue }
                sheets.append((name, target.path))
            }
        }
        if sheets.isEmpty {
            throw Failure(message: package.containsPart(where: { $0.hasSuffix("vbaproject.bin") })
                ? "holds macros (a VBA project) but no worksheets, so there is no MSEL to read; save the sheets themselves as an .xlsx workbook"
                : "has no worksheets (chart sheets and macro sheets are not read); put the MSEL on a worksheet")
        }
        if package.containsPart(where: { $0.hasSuffix("vbaproject.bin") }) {
            notes.append(.warning(at: nil, "the workbook contains macros; firedrill reads only the cells' values and never runs them"))
        }
        let stylesPath = relationships.values.first { $0.type.hasSuffix("/styles") }?.path ?? sibling(workbookPath, "styles.xml")
        if let data = try part(stylesPath), let root = XMLPart.root(try xml(data, name: stylesPath), named: "styleSheet") {
            formats = NumberFormats(styles: root)
        }
        let stringsPath = relationships.values.first { $0.type.hasSuffix("/sharedStrings") }?.path ?? sibling(workbookPath, "sharedStrings.xml")
        if let data = try part(stringsPath) {
            do {
                sharedStrings = try SharedStrings.read(data, part: stringsPath)
            } catch {
                throw Failure(message: error.message)
            }
        }
    }

    /// The workbook part named by the package's relationships (`xl/workbook.xml` as a rule).
    private mutating func officeDocumentPath() throws(Failure) -> String {
        guard let data = try part("_rels/.rels"),
              let root = XMLPart.root(try xml(data, name: "_rels/.rels"), named: "Relationships")
        else { return "xl/workbook.xml" }
        for relationship in XMLPart.children(root, named: "Relationship") {
            guard let type = XMLPart.attribute(relationship, "Type"), type.hasSuffix("/officeDocument"),
                  XMLPart.attribute(relationship, "TargetMode") != "External",
                  let target = XMLPart.attribute(relationship, "Target")
            else { continue }
            return Self.resolve(target, relativeTo: "")
        }
        return "xl/workbook.xml"
    }

    private func whyNoWorkbook() -> String {
        if package.contains("xl/workbook.bin") {
            return "is an Excel binary workbook (.xlsb), which firedrill does not read; in Excel, save it as Excel Workbook (.xlsx)"
        }
        if package.contains("mimetype"), package.contains("content.xml") {
            return "is an OpenDocument file (.ods), not an .xlsx workbook; in LibreOffice, save it as Excel 2007-365 (.xlsx)"
        }
        if package.contains("word/document.xml") || package.contains("ppt/presentation.xml") {
            return "is a Word or PowerPoint file, not an Excel workbook; put the MSEL in a spreadsheet"
        }
        if package.containsPart(where: { $0.hasSuffix("vbaproject.bin") }) {
            return "holds macros (a VBA project) but no workbook with sheets; save the sheets themselves as an .xlsx workbook"
        }
        return "is a ZIP archive but not an Excel workbook (it has no xl/workbook.xml); save the MSEL from Excel as Excel Workbook (.xlsx)"
    }

    /// The relationships of a part: id → (type, resolved path), external targets left out.
    private mutating func relationships(of partPath: String) throws(Failure) -> [String: (type: String, path: String)] {
        let directory = Self.directory(of: partPath)
        let file = String(partPath.split(separator: "/").last ?? "")
        let relsPath = directory + "_rels/" + file + ".rels"
        guard let data = try part(relsPath), let root = XMLPart.root(try xml(data, name: relsPath), named: "Relationships") else { return [:] }
        var map: [String: (type: String, path: String)] = [:]
        for relationship in XMLPart.children(root, named: "Relationship") {
            guard let id = XMLPart.attribute(relationship, "Id"), let type = XMLPart.attribute(relationship, "Type"),
                  let target = XMLPart.attribute(relationship, "Target"),
                  XMLPart.attribute(relationship, "TargetMode") != "External"
            else { continue }
            map[id] = (type, Self.resolve(target, relativeTo: directory))
        }
        return map
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    private func sibling(_ path: String, _ name: String) -> String { Self.directory(of: path) + name }

    /// A relationship's target as a path in the package (`worksheets/sheet1.xml` from `xl/`
    /// is `xl/worksheets/sheet1.xml`; `/xl/…` is absolute; `..` steps up).
    static func resolve(_ target: String, relativeTo directory: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : directory + target
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    // MARK: - Parts

    private mutating func part(_ path: String) throws(Failure) -> Data? {
        do {
            return try package.read(path)
        } catch {
            throw Failure(message: error.message)
        }
    }

    private func xml(_ data: Data, name: String) throws(Failure) -> XMLIndexer {
        do {
            return try XMLPart.parse(data, name: name)
        } catch {
            throw Failure(message: error.message)
        }
    }

    /// The worksheet at `index` of ``sheets``, its cells read within `cellBudget`.
    mutating func sheet(at index: Int, cellBudget: inout Int, problems: inout [SpreadsheetProblem]) throws(Failure) -> Sheet {
        let (name, path) = sheets[index]
        guard let data = try part(path) else {
            throw Failure(message: "is damaged: sheet \(name) has no part \(path)")
        }
        do {
            return try WorksheetReader(name: name, sharedStrings: sharedStrings, formats: formats)
                .read(data, part: path, cellBudget: &cellBudget, problems: &problems)
        } catch {
            throw Failure(message: error.message)
        }
    }
}
