import FiredrillCore
import Foundation
import Yams

/// Reads scenario files (YAML, or JSON of the same shape) into a validated ``Scenario``,
/// reporting every problem with its line and column.
///
/// Hostile input is rejected early and cheaply: files over the size limit are not read,
/// non-UTF-8 text and binary data are named as such, and nesting and alias expansion are
/// bounded before a tree is built (see ``ValidationLimits``).
public struct ScenarioLoader: Sendable {
    public var limits: ValidationLimits

    public init(limits: ValidationLimits = .default) {
        self.limits = limits
    }

    /// The outcome of loading one file.
    public struct Loaded: Sendable {
        public var path: String
        /// The file's text, when it could be read as UTF-8.
        public var source: String?
        /// The scenario, when there were no errors.
        public var scenario: Scenario?
        public var diagnostics: DiagnosticList

        /// Every problem as `path:line:column: message`, in English.
        public var formattedDiagnostics: [String] {
            formattedDiagnostics(in: .english)
        }

        /// Every problem as `path:line:column: message` in `language`, at the same positions
        /// in every language.
        public func formattedDiagnostics(in language: Language) -> [String] {
            diagnostics.formatted(path: path, language: language)
        }
    }

    /// Reads and checks the file at `path`.
    public func load(path: String) -> Loaded {
        switch InputFile.readBytes(path, limit: limits.maximumFileBytes) {
        case .success(let bytes): return load(data: Data(bytes), path: path)
        case .failure(let diagnostic): return failure(path: path, diagnostic)
        }
    }

    /// Checks scenario text already in memory; `path` names it in messages and picks JSON
    /// for a `.json` name.
    public func load(data: Data, path: String) -> Loaded {
        guard data.count <= limits.maximumFileBytes else {
            return failure(path: path, InputFile.tooLarge(data.count, limit: limits.maximumFileBytes))
        }
        let text: String
        switch InputFile.decodeUTF8([UInt8](data)) {
        case .success(let decoded): text = decoded
        case .failure(let diagnostic): return failure(path: path, diagnostic)
        }
        var bytes = Array(text.utf8)
        if isJSON(path: path, bytes: bytes) {
            // JSON allows tabs between tokens, YAML does not; a JSON string cannot hold a raw tab,
            // so replacing each by a space changes nothing else and keeps every column.
            for index in bytes.indices where bytes[index] == 9 { bytes[index] = 32 }
        }
        let yaml = String(decoding: bytes, as: UTF8.self)
        if let problem = bytes.withUnsafeBufferPointer({ YAMLPreflight.check($0, limits: limits) }) {
            return Loaded(path: path, source: text, scenario: nil, diagnostics: Self.list(problem))
        }
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic)
        } catch {
            return Loaded(path: path, source: text, scenario: nil, diagnostics: Self.list(Self.diagnostic(for: error)))
        }
        guard let root else {
            return Loaded(path: path, source: text, scenario: nil, diagnostics: Self.list(.error(at: SourceLocation(line: 1, column: 1), .emptyFile)))
        }
        var budget = limits.maximumNodes
        let tree = SourceTreeBuilder.build(root, budget: &budget)
        let result = ScenarioDecoder.decode(tree, limits: limits)
        return Loaded(path: path, source: text, scenario: result.scenario, diagnostics: result.diagnostics)
    }

    private func isJSON(path: String, bytes: [UInt8]) -> Bool {
        if path.lowercased().hasSuffix(".json") { return true }
        return bytes.first { ![9, 10, 13, 32].contains($0) } == UInt8(ascii: "{")
    }

    private func failure(path: String, _ diagnostic: Diagnostic) -> Loaded {
        Loaded(path: path, source: nil, scenario: nil, diagnostics: Self.list(diagnostic))
    }

    private static func list(_ diagnostic: Diagnostic) -> DiagnosticList {
        var list = DiagnosticList()
        list.append(diagnostic)
        return list
    }

    static func diagnostic(for error: any Error) -> Diagnostic {
        guard let yamlError = error as? YamlError else {
            return .error(at: nil, .unreadableDocument, ["detail": .verbatim("\(error)")])
        }
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .error(at: SourceLocation(line: mark.line, column: mark.column), .yamlSyntax, ["problem": .name(problem), "context": .none, "advice": .none])
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(at: SourceLocation(line: context.mark.line, column: context.mark.column), .duplicateKeys, ["keys": .quotedList(duplicates)])
        default:
            return .error(at: nil, .unreadableDocument, ["detail": .verbatim("\(yamlError)")])
        }
    }
}
