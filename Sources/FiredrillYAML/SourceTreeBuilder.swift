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

    private static func scalarType(of node: Yams.Node, style: Yams.Node.Scalar.Style) -> SourceScalar.ScalarType {
        guard style == .plain || style == .any else { return .string }
        switch node.tag.description {
        case Tag.Name.null.rawValue: return .null
        case Tag.Name.bool.rawValue: return .bool
        case Tag.Name.int.rawValue: return .int
        case Tag.Name.float.rawValue: return .float
        default: return .string
        }
    }
}
