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
        var message: SpreadsheetMessage
    }

    static let cfbSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    init(data: Data, limits: SpreadsheetLimits) throws(Failure) {
        self.limits = limits
        if data.starts(with: Self.cfbSignature) {
            throw Failure(message: Self.isEncrypted(data)
                ? SpreadsheetMessage(.encryptedWorkbook) : SpreadsheetMessage(.legacyWorkbook))
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
    static func notZIP(_ data: Data) -> SpreadsheetMessage {
        let start = data.prefix(512)
        if start.isEmpty { return SpreadsheetMessage(.emptyWorkbookFile) }
        if start.starts(with: Array("<?xml".utf8)) || start.starts(with: [0xEF, 0xBB, 0xBF, 0x3C]) {
            return SpreadsheetMessage(.xmlSpreadsheet)
        }
        let text = start.allSatisfy { $0 >= 0x09 && $0 != 0x7F } || start.starts(with: [0xEF, 0xBB, 0xBF])
        if text || start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF]) {
            return SpreadsheetMessage(.textNamedWorkbook)
        }
        let hex = start.prefix(4).map { String(format: "%02X", $0) }.joined(separator: " ")
        return SpreadsheetMessage(.notZIP, ["hex": "\(hex)"])
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
            throw Failure(message: SpreadsheetMessage(.notSpreadsheetMainPart, ["part": "\(workbookPath)"]))
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
                ? SpreadsheetMessage(.macrosNoWorksheets) : SpreadsheetMessage(.noWorksheets))
        }
        if package.containsPart(where: { $0.hasSuffix("vbaproject.bin") }) {
            notes.append(.warning(at: nil, .macrosIgnored))
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

    private func whyNoWorkbook() -> SpreadsheetMessage {
        if package.contains("xl/workbook.bin") {
            return SpreadsheetMessage(.binaryWorkbook)
        }
        if package.contains("mimetype"), package.contains("content.xml") {
            return SpreadsheetMessage(.openDocument)
        }
        if package.contains("word/document.xml") || package.contains("ppt/presentation.xml") {
            return SpreadsheetMessage(.wordOrPowerPoint)
        }
        if package.containsPart(where: { $0.hasSuffix("vbaproject.bin") }) {
            return SpreadsheetMessage(.macrosNoWorkbook)
        }
        return SpreadsheetMessage(.zipNotWorkbook)
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
            throw Failure(message: SpreadsheetMessage(.sheetPartMissing, ["sheet": "\(name)", "part": "\(path)"]))
        }
        do {
            return try WorksheetReader(name: name, sharedStrings: sharedStrings, formats: formats)
                .read(data, part: path, cellBudget: &cellBudget, problems: &problems)
        } catch {
            throw Failure(message: error.message)
        }
    }
}
