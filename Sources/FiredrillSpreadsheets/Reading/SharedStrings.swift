import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The shared strings of a workbook (sharedStrings.xml): what `t="s"` cells hold by index,
/// read as a stream (a workbook of thousands of injects has tens of thousands).
enum SharedStrings {
    static func read(_ data: Data, part: String) throws(XMLPart.Failure) -> [String] {
        let stream = Stream()
        try XMLPart.stream(data, name: part, delegate: stream)
        return stream.strings
    }

    /// The text of each `si`: its `t`, or the `t` of each rich-text run `r`; phonetic guides
    /// (`rPh`, the furigana Japanese Excel stores) are not part of it.
    private final class Stream: NSObject, XMLParserDelegate {
        var strings: [String] = []
        private var current: String?
        private var collecting = false
        private var phoneticDepth = 0

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch XMLPart.localName(element) {
            case "si": current = ""
            case "rPh": phoneticDepth += 1
            case "t" where current != nil && phoneticDepth == 0: collecting = true
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if collecting { current? += string }
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            self.parser(parser, foundCharacters: String(decoding: block, as: UTF8.self))
        }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            switch XMLPart.localName(element) {
            case "si":
                strings.append(OOXMLText.decode(current ?? ""))
                current = nil
            case "rPh": phoneticDepth -= 1
            case "t": collecting = false
            default: break
            }
        }
    }
}
