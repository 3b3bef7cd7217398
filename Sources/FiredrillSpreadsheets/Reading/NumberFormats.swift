import SWXMLHash

/// Which of a workbook's cell styles show numbers as times or dates (styles.xml): a cell's
/// `s` is an index into `cellXfs`, whose `numFmtId` is a built-in format or one of `numFmts`.
struct NumberFormats: Sendable {
    /// The kind of each cell style, by index.
    private var styles: [NumberFormatKind] = []

    init() {}

    init(styles root: SWXMLHash.XMLElement) {
        var custom: [Int: NumberFormatKind] = [:]
        if let formats = XMLPart.child(root, named: "numFmts") {
            for format in XMLPart.children(formats, named: "numFmt") {
                guard let id = XMLPart.attribute(format, "numFmtId").flatMap({ Int($0) }) else { continue }
                custom[id] = Self.kind(ofCode: XMLPart.attribute(format, "formatCode") ?? "")
            }
        }
        if let xfs = XMLPart.child(root, named: "cellXfs") {
            for xf in XMLPart.children(xfs, named: "xf") {
                let id = XMLPart.attribute(xf, "numFmtId").flatMap { Int($0) } ?? 0
                styles.append(custom[id] ?? Self.kind(ofBuiltIn: id))
            }
        }
    }

    /// The kind of the style at `index` (a missing style is General).
    func kind(ofStyle index: Int) -> NumberFormatKind {
        styles.indices.contains(index) ? styles[index] : .general
    }

    /// Built-in formats: 18–21 and 45–47 are times (`h:mm AM/PM`, `h:mm:ss`, `mm:ss`,
    /// `[h]:mm:ss`, `mmss.0`), 32 and 33 the Japanese `h"時"mm"分"` forms; 14–17, 22, 27–31,
    /// 34–36 and 50–58 are dates (22 with a time).
    static func kind(ofBuiltIn id: Int) -> NumberFormatKind {
        switch id {
        case 18...21, 45...47, 32, 33: .time
        case 14...17, 22, 27...31, 34...36, 50...58: .date
        default: .general
        }
    }

    /// A custom format code's kind: a time when it shows hours or seconds (or elapsed
    /// `[h]`, `[m]`, `[s]`) and no day, month or year; a date when it shows a day or year.
    /// Quoted text, escaped characters and `[Red]`-style sections do not count.
    static func kind(ofCode code: String) -> NumberFormatKind {
        if ["general", "@", ""].contains(code.lowercased()) { return .general }
        var hasTime = false
        var hasDate = false
        var minutesOnly = false
        var characters = Array(code.lowercased().prefix(256))
        // The first section only: what a positive number looks like.
        if let semicolon = characters.firstIndex(of: ";") { characters = Array(characters[..<semicolon]) }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\"":
                index += 1
                while index < characters.count, characters[index] != "\"" { index += 1 }
            case "\\", "_", "*":
                index += 1
            case "[":
                var inside = ""
                index += 1
                while index < characters.count, characters[index] != "]" { inside.append(characters[index]); index += 1 }
                if !inside.isEmpty, inside.allSatisfy({ $0 == "h" || $0 == "s" }) || inside.allSatisfy({ $0 == "m" }) {
                    hasTime = true
                }
            case "h", "s":
                hasTime = true
            case "m":
                minutesOnly = true
            case "y", "d", "g":
                hasDate = true
            default:
                break
            }
            index += 1
        }
        if hasDate { return .date }
        if hasTime { return .time }
        return minutesOnly ? .date : .general
    }
}
