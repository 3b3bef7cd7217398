import FiredrillCore
import Yams

/// Converts a Yams node tree into the core's position-carrying ``SourceNode`` tree.
enum SourceTreeBuilder {
    /// Builds the tree, spending one unit of `budget` per node; once the budget is spent,
    /// remaining values become nulls (the preflight has already rejected such documents).
    static func build(_ node: Yams.Node, budget: inout Int) -> SourceNode {
        budget -= 1
        let location = node.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? SourceLocation(line: 1, column: 1)
        guard budget >= 0 else {
            return SourceNode(.scalar(SourceScalar(text: "", type: .null)), at: location)
        }
        switch node {
        case .scalar(let scalar):
            return SourceNode(.scalar(SourceScalar(
                text: scalar.string, type: scalarType(of: node, style: scalar.style),
                isQuoted: scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            )), at: location)
        case .sequence(let sequence):
            var items: [SourceNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(build(item, budget: &budget)) }
            return SourceNode(.sequence(items), at: location)
        case .mapping(let mapping):
            var entries: [SourceEntry] = []
            entries.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                entries.append(SourceEntry(key: build(key, budget: &budget), value: build(value, budget: &budget)))
            }
            return SourceNode(.mapping(entries), at: location)
        case .alias:
            return SourceNode(.scalar(SourceScalar(text: "", type: .null)), at: location)
        }
    }

    /// The type a scalar's notation implies. Documents are composed with Yams' `.basic`
    /// resolver (no regular expressions, which cost a tenth of a large replay), so plain
    /// scalars are classified here by the same YAML 1.1 rules as Yams' default resolver.
    private static func scalarType(of node: Yams.Node, style: Yams.Node.Scalar.Style) -> SourceScalar.ScalarType {
        guard style == .plain || style == .any else { return .string }
        switch node.tag.description {
        case Tag.Name.null.rawValue: return .null
        case Tag.Name.bool.rawValue: return .bool
        case Tag.Name.int.rawValue: return .int
        case Tag.Name.float.rawValue: return .float
        case Tag.Name.str.rawValue: return PlainScalar.type(of: node.scalar?.string ?? "")
        default: return .string
        }
    }
}

/// YAML 1.1 implicit types of plain scalars, as Yams' default resolver has them.
enum PlainScalar {
    static let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]
    static let bools: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
    ]

    static func type(of text: String) -> SourceScalar.ScalarType {
        if nulls.contains(text) { return .null }
        if bools.contains(text) { return .bool }
        let bytes = Array(text.utf8)
        if isInt(bytes) { return .int }
        if isFloat(bytes) { return .float }
        return .string
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    private static let underscore = UInt8(ascii: "_")

    /// `[-+]?` then: `0b[01_]+`, `0o?[0-7_]+`, `0|[1-9][0-9_]*`, `0x[0-9a-fA-F_]+`, or
    /// sexagesimal `[1-9][0-9_]*(:[0-5]?[0-9])+`.
    static func isInt(_ all: [UInt8]) -> Bool {
        var s = all[...]
        if let first = s.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { s = s.dropFirst() }
        guard let first = s.first else { return false }
        if s.starts(with: Array("0b".utf8)) {
            let rest = s.dropFirst(2)
            return !rest.isEmpty && rest.allSatisfy { $0 == 48 || $0 == 49 || $0 == underscore }
        }
        if s.starts(with: Array("0x".utf8)) {
            let rest = s.dropFirst(2)
            return !rest.isEmpty && rest.allSatisfy { isDigit($0) || (65...70).contains($0) || (97...102).contains($0) || $0 == underscore }
        }
        if first == 48 {
            if s.count == 1 { return true }
            var rest = s.dropFirst()
            if rest.first == UInt8(ascii: "o") { rest = rest.dropFirst() }
            return !rest.isEmpty && rest.allSatisfy { (48...55).contains($0) || $0 == underscore }
        }
        guard isDigit(first) else { return false }
        let parts = s.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts[0].allSatisfy({ isDigit($0) || $0 == underscore }) else { return false }
        return parts.dropFirst().allSatisfy(isSexagesimalPart)
    }

    private static func isSexagesimalPart(_ part: ArraySlice<UInt8>) -> Bool {
        switch part.count {
        case 1: isDigit(part[part.startIndex])
        case 2: (48...53).contains(part[part.startIndex]) && isDigit(part[part.startIndex + 1])
        default: false
        }
    }

    /// `[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?`, `\.[0-9_]+([eE][-+][0-9]+)?`,
    /// sexagesimal with a fraction, `[-+]?\.inf`, `\.nan` (in their three spellings).
    static func isFloat(_ all: [UInt8]) -> Bool {
        let text = String(decoding: all, as: UTF8.self)
        if [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"].contains(text) { return true }
        var s = all[...]
        if s.first == UInt8(ascii: ".") {
            s = s.dropFirst()
            let mantissa = s.prefix { isDigit($0) || $0 == underscore }
            guard !mantissa.isEmpty else { return false }
            s = s.dropFirst(mantissa.count)
            if s.isEmpty { return true }
            guard s.first == UInt8(ascii: "e") || s.first == UInt8(ascii: "E") else { return false }
            s = s.dropFirst()
            guard let sign = s.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") else { return false }
            s = s.dropFirst()
            return !s.isEmpty && s.allSatisfy(isDigit)
        }
        if let first = s.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { s = s.dropFirst() }
        guard let first = s.first, isDigit(first) else { return false }
        if s.contains(UInt8(ascii: ":")) {
            guard let dot = s.lastIndex(of: UInt8(ascii: ".")) else { return false }
            let parts = s[..<dot].split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard parts.count >= 2, parts[0].allSatisfy({ isDigit($0) || $0 == underscore }),
                  parts.dropFirst().allSatisfy(isSexagesimalPart) else { return false }
            return s[s.index(after: dot)...].allSatisfy { isDigit($0) || $0 == underscore }
        }
        s = s.dropFirst(s.prefix { isDigit($0) || $0 == underscore }.count)
        if s.first == UInt8(ascii: ".") {
            s = s.dropFirst()
            s = s.dropFirst(s.prefix { isDigit($0) || $0 == underscore }.count)
        }
        if s.isEmpty { return true }
        guard s.first == UInt8(ascii: "e") || s.first == UInt8(ascii: "E") else { return false }
        s = s.dropFirst()
        if let sign = s.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { s = s.dropFirst() }
        return !s.isEmpty && s.allSatisfy(isDigit)
    }
}
