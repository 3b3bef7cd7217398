/// A problem found in an input file.
public struct Diagnostic: Sendable, Hashable, Error {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation?
    /// What is wrong, in no language yet.
    public var problem: ValidationMessage

    /// What is wrong, in English.
    public var message: String { problem.text(in: .english) }

    public init(_ severity: Severity = .error, at location: SourceLocation?, _ problem: ValidationMessage) {
        self.severity = severity
        self.location = location
        self.problem = problem
    }

    public static func error(at location: SourceLocation?, _ key: ValidationMessage.Key, _ values: [String: ValidationMessage.Value] = [:]) -> Diagnostic {
        Diagnostic(.error, at: location, ValidationMessage(key, values))
    }

    public static func warning(at location: SourceLocation?, _ key: ValidationMessage.Key, _ values: [String: ValidationMessage.Value] = [:]) -> Diagnostic {
        Diagnostic(.warning, at: location, ValidationMessage(key, values))
    }

    /// `path:line:column: message`, with `warning: ` before the message for warnings.
    public func formatted(path: String) -> String {
        formatted(path: path, language: .english)
    }

    /// `path:line:column: message` in `language`: the same position in every language, with
    /// `warning: ` (or 警告：) before the message for warnings.
    public func formatted(path: String, language: Language) -> String {
        let position = location.map { "\(path):\($0.line):\($0.column)" } ?? path
        let prefix = severity == .warning ? ValidationMessage(.warningPrefix).text(in: language) : ""
        return "\(position): \(prefix)\(problem.text(in: language))"
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

    public mutating func error(_ location: SourceLocation?, _ key: ValidationMessage.Key, _ values: [String: ValidationMessage.Value] = [:]) {
        append(.error(at: location, key, values))
    }

    public mutating func warning(_ location: SourceLocation?, _ key: ValidationMessage.Key, _ values: [String: ValidationMessage.Value] = [:]) {
        append(.warning(at: location, key, values))
    }

    /// Every diagnostic as `path:line:column: message` in `language`, sorted by position, and
    /// a last line counting those dropped beyond the limit.
    public func formatted(path: String, language: Language = .english) -> [String] {
        var lines = sorted.map { $0.formatted(path: path, language: language) }
        if dropped > 0 {
            lines.append("\(path): " + ValidationMessage(.moreProblems, ["count": .verbatim("\(dropped)")]).text(in: language))
        }
        return lines
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
