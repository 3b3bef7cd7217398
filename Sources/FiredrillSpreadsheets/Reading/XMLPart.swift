import Foundation
import SWXMLHash
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML part of a workbook, parsed into a tree (SWXMLHash) or read as a stream of events
/// (Foundation's XMLParser, which SWXMLHash wraps), after a safety check: no document type
/// declaration, so no entity is ever defined, expanded or fetched (a workbook never needs
/// one; a "billion laughs" or an external entity needs one).
enum XMLPart {
    struct Failure: Error {
        var message: SpreadsheetMessage
    }

    static func parse(_ data: Data, name: String) throws(Failure) -> XMLIndexer {
        try check(data, name: name)
        let indexer = XMLHash.config { options in
            options.shouldProcessNamespaces = true
            options.detectParsingErrors = true
        }.parse(data)
        if case .parsingError(let error) = indexer {
            throw Failure(message: SpreadsheetMessage(.xmlNotWellFormed, ["part": "\(name)", "line": "\(error.line)", "column": "\(error.column)"]))
        }
        return indexer
    }

    /// Runs `delegate` over the part's events, after the same safety check as ``parse(_:name:)``;
    /// for the parts that hold every cell (worksheets, shared strings), which need no tree.
    static func stream(_ data: Data, name: String, delegate: any XMLParserDelegate) throws(Failure) {
        try check(data, name: name)
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        // The delegate may stop the parser on purpose (it then says why); anything else is an error.
        let finished = parser.parse()
        if !finished || parser.parserError != nil {
            throw Failure(message: SpreadsheetMessage(.xmlNotWellFormed, ["part": "\(name)", "line": "\(parser.lineNumber)", "column": "\(parser.columnNumber)"]))
        }
    }

    /// Refuses what is not UTF-8 XML, and any document type declaration.
    static func check(_ data: Data, name: String) throws(Failure) {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) || data.prefix(64).contains(0) {
            throw Failure(message: SpreadsheetMessage(.xmlNotUTF8, ["part": "\(name)"]))
        }
        if containsDeclaration(data) {
            throw Failure(message: SpreadsheetMessage(.xmlDoctype, ["part": "\(name)"]))
        }
    }

    /// Whether `<!DOCTYPE` or `<!ENTITY` occurs (in any case), in one pass over the bytes.
    static func containsDeclaration(_ data: Data) -> Bool {
        let doctype = Array("doctype".utf8)
        let entity = Array("entity".utf8)
        return data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Bool in
            let bytes = buffer.bindMemory(to: UInt8.self)
            var index = 0
            while index + 1 < bytes.count {
                if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "!") {
                    for word in [doctype, entity] where index + 2 + word.count <= bytes.count {
                        if (0..<word.count).allSatisfy({ bytes[index + 2 + $0] | 0x20 == word[$0] }) { return true }
                    }
                }
                index += 1
            }
            return false
        }
    }

    /// The children of an element that are elements named `name` (the local name: namespaces
    /// are processed, so `x:row` is `row`).
    static func children(_ element: SWXMLHash.XMLElement, named name: String) -> [SWXMLHash.XMLElement] {
        var result: [SWXMLHash.XMLElement] = []
        for child in element.children {
            if let child = child as? SWXMLHash.XMLElement, child.name == name || localName(child.name) == name { result.append(child) }
        }
        return result
    }

    static func child(_ element: SWXMLHash.XMLElement, named name: String) -> SWXMLHash.XMLElement? {
        for child in element.children {
            if let child = child as? SWXMLHash.XMLElement, child.name == name || localName(child.name) == name { return child }
        }
        return nil
    }

    /// The root element of a parsed part, if it is named `name`.
    static func root(_ indexer: XMLIndexer, named name: String) -> SWXMLHash.XMLElement? {
        guard case .element(let top) = indexer else { return nil }
        return child(top, named: name)
    }

    /// An attribute by its local name (`r:id` is found as `id` with `prefixed`, and `id`
    /// without a prefix when not).
    static func attribute(_ element: SWXMLHash.XMLElement, _ name: String, prefixed: Bool = false) -> String? {
        if !prefixed, let value = element.allAttributes[name] { return value.text }
        for (key, value) in element.allAttributes {
            if let colon = key.lastIndex(of: ":") {
                if prefixed, key[key.index(after: colon)...] == name { return value.text }
            }
        }
        return nil
    }

    static func localName(_ name: String) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
        return name[name.index(after: colon)...]
    }
}
