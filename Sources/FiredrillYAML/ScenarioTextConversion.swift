import FiredrillCore
import Foundation
import Yams

/// Scenario text from YAML to JSON and back, key for key and in the same order: what the
/// editor page works on (JSON objects in the browser, which has no YAML reader) and what the
/// library keeps (YAML, which people read and diff). Only the form changes: the same scenario
/// comes out, comments aside. It reads text only; the scenario is checked by the loader.
public enum ScenarioTextConversion {
    public enum Format: String, Sendable, CaseIterable {
        case json, yaml
    }

    /// Why a text could not be converted: it is not YAML or JSON, with where.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func convert(_ text: String, to format: Format) throws(Failure) -> String {
        let limits = ValidationLimits.default
        let bytes = Array(text.utf8)
        guard bytes.count <= limits.maximumFileBytes else {
            throw Failure(description: "the text is larger than \(limits.maximumFileBytes / 1_048_576) MB")
        }
        // The loader's own first look: too deep, too many aliases, broken syntax (with its line).
        if let problem = bytes.withUnsafeBufferPointer({ YAMLPreflight.check($0, limits: limits) }) {
            throw Failure(description: problem.formatted(path: "scenario"))
        }
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: text, .basic) else { throw Failure(description: "the text is empty") }
            node = composed
        } catch let error as Failure {
            throw error
        } catch let error as YamlError {
            throw Failure(description: "the text is neither YAML nor JSON: \(error)")
        } catch {
            throw Failure(description: "the text cannot be read: \(error)")
        }
        switch format {
        case .json:
            var json = ""
            try writeJSON(node, into: &json, indent: 0, depth: 0)
            return json + "\n"
        case .yaml:
            do {
                return try Yams.serialize(node: try blockStyle(node, depth: 0), indent: 2, width: -1, allowUnicode: true)
            } catch let error as Failure {
                throw error
            } catch {
                throw Failure(description: "the text cannot be written as YAML: \(error)")
            }
        }
    }

    /// Nesting deeper than any scenario (and than a stack should take).
    static let maximumDepth = 64

    static func writeJSON(_ node: Node, into json: inout String, indent: Int, depth: Int) throws(Failure) {
        guard depth < maximumDepth else { throw Failure(description: "the text nests deeper than \(maximumDepth) levels") }
        let pad = String(repeating: "  ", count: indent + 1), end = String(repeating: "  ", count: indent)
        switch node {
        case .scalar(let scalar):
            json += jsonValue(scalar)
        case .mapping(let mapping):
            guard !mapping.isEmpty else { json += "{}"; return }
            json += "{\n"
            for (index, (key, value)) in mapping.enumerated() {
                json += pad + jsonString(key.scalar?.string ?? "") + ": "
                try writeJSON(value, into: &json, indent: indent + 1, depth: depth + 1)
                json += index == mapping.count - 1 ? "\n" : ",\n"
            }
            json += end + "}"
        case .sequence(let sequence):
            guard !sequence.isEmpty else { json += "[]"; return }
            json += "[\n"
            for (index, value) in sequence.enumerated() {
                json += pad
                try writeJSON(value, into: &json, indent: indent + 1, depth: depth + 1)
                json += index == sequence.count - 1 ? "\n" : ",\n"
            }
            json += end + "]"
        case .alias:
            throw Failure(description: "the text uses a YAML alias (*name); write the value out where it is used")
        }
    }

    /// A scalar as JSON: numbers, booleans and null as YAML reads them, all else a string.
    static func jsonValue(_ scalar: Node.Scalar) -> String {
        switch kind(.scalar(scalar)) {
        case .null: return "null"
        case .bool: return ["true", "yes", "on"].contains(scalar.string.lowercased()) ? "true" : "false"
        case .int:
            if let value = Int64(scalar.string.replacingOccurrences(of: "_", with: "")) { return String(value) }
            return jsonString(scalar.string)
        case .float:
            if let value = Double(scalar.string.replacingOccurrences(of: "_", with: "")), value.isFinite {
                return scalar.string.allSatisfy({ "0123456789.-+eE".contains($0) }) && !scalar.string.hasPrefix(".") && !scalar.string.hasSuffix(".") ? scalar.string : String(value)
            }
            return jsonString(scalar.string)
        default: return jsonString(scalar.string)
        }
    }

    /// The node's type after YAML's rules (`90` an int, `"90"` and `90s` text): its explicit tag,
    /// else, for a plain scalar, the YAML 1.1 rules the loader reads it by (``PlainScalar``).
    /// Yams' default resolver would match regular expressions against every scalar, which cost
    /// most of the time of converting a large scenario (each scalar's tag was resolved twice
    /// here and once more when writing YAML).
    static func kind(_ node: Node) -> Tag.Name {
        guard case .scalar(let scalar) = node else { return Tag.Name(rawValue: node.tag.description) }
        // The tag as written (a quoted scalar's is str); empty when implicit.
        let written = scalar.tag.description
        guard written.isEmpty else { return Tag.Name(rawValue: written) }
        return plainKind(scalar.string)
    }

    /// How `text` reads as a plain scalar, by the loader's YAML 1.1 rules.
    static func plainKind(_ text: String) -> Tag.Name {
        switch PlainScalar.type(of: text) {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .float: return .float
        case .string: return .str
        }
    }

    static func jsonString(_ text: String) -> String {
        var out = ""
        writeJSONString(text, into: &out)
        return out
    }

    /// `text` as a JSON string, appended to `out`: quotes, backslashes and line breaks escaped,
    /// and every control character (C0, DEL, C1), the line and paragraph separators and the
    /// byte-order mark as `\uXXXX`, so that the text reads back exactly. Text without any of
    /// these is copied whole. (The spreadsheet import writes its JSON with it too.)
    package static func writeJSONString(_ text: String, into out: inout String) {
        out += "\""
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 >= 0x7F }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// The constructor of the tags written. Yams builds `Constructor.default` (and its three
    /// maps) anew on each use, which `Tag.implicit` did once per value; it is never asked to
    /// construct anything here, and holds only constant maps.
    nonisolated(unsafe) static let constructor = Constructor.default

    /// Whether spaces at either end would be lost in a plain scalar.
    static func startsOrEndsWithSpace(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        return first.properties.isWhitespace || last.properties.isWhitespace
    }

    /// Plain text other YAML readers take for something else: a date (`2024-06-01`, YAML 1.1's
    /// timestamp), a merge key (`<<`) or `=`.
    static func readsAsOtherThanText(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(6))
        let isDigit = { (byte: UInt8) in byte >= 48 && byte <= 57 }
        if bytes.count >= 6, bytes[0..<4].allSatisfy(isDigit), bytes[4] == UInt8(ascii: "-"), isDigit(bytes[5]) { return true }
        return text == "<<" || text == "="
    }

    /// The node as people write YAML: block mappings and lists, text with line breaks as a
    /// literal block, and text that would read as something else (`"1"`, `"yes"`, `""`) quoted.
    static func blockStyle(_ node: Node, depth: Int) throws(Failure) -> Node {
        guard depth < maximumDepth else { throw Failure(description: "the text nests deeper than \(maximumDepth) levels") }
        switch node {
        case .scalar(var scalar):
            let isText = kind(node) == .str
            let text = scalar.string
            if isText {
                let plainTag = plainKind(text)
                // (Scalar searches: Foundation's `contains` on strings goes through NSString on Linux.)
                if text.unicodeScalars.contains("\n") && !text.hasPrefix(" ") && text.unicodeScalars.allSatisfy({ $0.value >= 0x20 || $0 == "\n" }) {
                    scalar.style = .literal
                } else if plainTag != .str || readsAsOtherThanText(text) || text.isEmpty || startsOrEndsWithSpace(text) {
                    scalar.style = .doubleQuoted
                } else {
                    scalar.style = .any
                }
                scalar.tag = Tag(.implicit, .basic, constructor)
            } else {
                scalar.style = .plain
                scalar.tag = Tag(.implicit, .basic, constructor)
            }
            return .scalar(scalar)
        case .mapping(var mapping):
            var pairs: [(Node, Node)] = []
            for (key, value) in mapping {
                pairs.append((try blockStyle(key, depth: depth + 1), try blockStyle(value, depth: depth + 1)))
            }
            mapping = Node.Mapping(pairs, Tag(.implicit, .basic, constructor), .block)
            return .mapping(mapping)
        case .sequence(let sequence):
            var items: [Node] = []
            for item in sequence { items.append(try blockStyle(item, depth: depth + 1)) }
            return .sequence(Node.Sequence(items, Tag(.implicit, .basic, constructor), .block))
        case .alias:
            throw Failure(description: "the text uses a YAML alias (*name); write the value out where it is used")
        }
    }
}
