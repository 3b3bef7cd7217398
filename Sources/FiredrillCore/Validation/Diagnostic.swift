/// A problem found in an input file.
public struct Diagnostic: Sendable, Hashable, Error {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: String

    public init(_ severity: Severity = .error, at location: SourceLocation?, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public static func error(at location: SourceLocation?, _ message: String) -> Diagnostic {
        Diagnostic(.error, at: location, message)
    }

    public static func warning(at location: SourceLocation?, _ message: String) -> Diagnostic {
        Diagnostic(.warning, at: location, message)
    }

    /// `path:line:column: message`, with `warning: ` before the message for warnings.
    public func formatted(path: String) -> String {
        let position = location.map { "\(path):\($0.line):\($0.column)" } ?? path
        let prefix = severity == .warning ? "warning: " : ""
        return "\(position): \(prefix)\(message)"
    }
}

extension Diagnostic: CustomStringConvertible {
    public var description: String { formatted(path: "<input>") }
}

/// Diagnostics of one input, in source order.
public struct DiagnosticList: Sendable, Hashable {
    public private(set) var items: [Diagnostic] = []
    /// Diagnostics dropped beyond ``limit``, so that hostile input cannot flood the output.
    public private(set) var dropped = 0
    public let limit: Int

    public init(limit: Int = 500) {
        self.limit = limit
    }

    public var hasErrors: Bool { items.contains { $0.severity == .error } || dropped > 0 }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }

    public mutating func append(_ diagnostic: Diagnostic) {
        if items.count < limit { items.append(diagnostic) } else { dropped += 1 }
    }

    public mutating func error(_ location: SourceLocation?, _ message: String) {
        append(.error(at: location, message))
    }

    public mutating func warning(_ location: SourceLocation?, _ message: String) {
        append(.warning(at: location, message))
    }

    /// Sorted by position; diagnostics without a position come first.
    public var sorted: [Diagnostic] {
        items.enumerated().sorted { lhs, rhs in
            switch (lhs.element.location, rhs.element.location) {
            case let (l?, r?) where l != r: l < r
            case (nil, _?): true
            case (_?, nil): false
            default: lhs.offset < rhs.offset
            }
        }.map(\.element)
    }
}
