import SWXMLHash

/// The shared strings of a workbook (sharedStrings.xml): what `t="s"` cells hold by index.
enum SharedStrings {
    static func read(_ root: SWXMLHash.XMLElement) -> [String] {
        XMLPart.children(root, named: "si").map(text)
    }

    /// The text of an `si` or `is` element: its `t`, or the `t` of each rich-text run `r`;
    /// phonetic guides (`rPh`, the furigana Japanese Excel stores) are not part of it.
    static func text(_ item: SWXMLHash.XMLElement) -> String {
        var text = ""
        for child in item.children {
            guard let element = child as? SWXMLHash.XMLElement else { continue }
            switch XMLPart.localName(element.name) {
            case "t":
                text += element.text
            case "r":
                for run in XMLPart.children(element, named: "t") { text += run.text }
            default:
                break
            }
        }
        return OOXMLText.decode(text)
    }
}
