/// A position in a source file: 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A format-neutral document tree with positions: what the YAML and JSON readers produce
/// and what ``ScenarioDecoder`` reads. Keeping it here keeps the core free of parsers.
public struct SourceNode: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case scalar(SourceScalar)
        case sequence([SourceNode])
        case mapping([SourceEntry])
    }

    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    public var scalar: SourceScalar? {
        if case .scalar(let scalar) = value { return scalar }
        return nil
    }

    /// A word for the node's shape, for error messages.
    public var kindDescription: String {
        switch value {
        case .scalar(let scalar):
            switch scalar.type {
            case .null: "nothing (null)"
            case .bool: "a true/false value"
            case .int: "a number"
            case .float: "a number"
            case .string: "text"
            }
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

public struct SourceEntry: Sendable, Hashable {
    public var key: SourceNode
    public var value: SourceNode

    public init(key: SourceNode, value: SourceNode) {
        self.key = key
        self.value = value
    }
}

/// A scalar as written, with the type its notation implies (a quoted `"1"` is text, `1` a number).
public struct SourceScalar: Sendable, Hashable {
    public enum ScalarType: Sendable, Hashable {
        case null, bool, int, float, string
    }

    public var text: String
    public var type: ScalarType
    /// Whether the scalar was quoted, which shifts the column of its first character by one.
    public var isQuoted: Bool

    public init(text: String, type: ScalarType, isQuoted: Bool = false) {
        self.text = text
        self.type = type
        self.isQuoted = isQuoted
    }
}
