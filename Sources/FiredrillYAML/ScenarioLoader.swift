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

        public var formattedDiagnostics: [String] {
            var lines = diagnostics.sorted.map { $0.formatted(path: path) }
            if diagnostics.dropped > 0 {
                lines.append("\(path): … and \(diagnostics.dropped) more problems")
            }
            return lines
        }
    }

    /// Reads and checks the file at `path`.
    public func load(path: String) -> Loaded {
        switch readFile(path) {
        case .success(let data): return load(data: data, path: path)
        case .failure(let diagnostic): return failure(path: path, diagnostic)
        }
    }

    /// Checks scenario text already in memory; `path` names it in messages and picks JSON
    /// for a `.json` name.
    public func load(data: Data, path: String) -> Loaded {
        guard data.count <= limits.maximumFileBytes else {
            return failure(path: path, tooLarge(bytes: data.count))
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            return failure(path: path, .error(at: Self.location(ofByte: nul, in: bytes), "the file contains NUL bytes; it looks like a binary file, not a YAML or JSON scenario"))
        }
        if let invalid = Self.firstInvalidUTF8(bytes) {
            return failure(path: path, .error(at: Self.location(ofByte: invalid, in: bytes), "the file is not valid UTF-8 text (first bad byte here); save it as UTF-8"))
        }
        if isJSON(path: path, bytes: bytes) {
            // JSON allows tabs between tokens, YAML does not; a JSON string cannot hold a raw tab,
            // so replacing each by a space changes nothing else and keeps every column.
            for index in bytes.indices where bytes[index] == 9 { bytes[index] = 32 }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if let problem = bytes.withUnsafeBufferPointer({ YAMLPreflight.check($0, limits: limits) }) {
            return Loaded(path: path, source: text, scenario: nil, diagnostics: Self.list(problem))
        }
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            return Loaded(path: path, source: text, scenario: nil, diagnostics: Self.list(Self.diagnostic(for: error)))
        }
        guard let root else {
            return Loaded(path: path, source: text, scenario: nil, diagnostics: Self.list(.error(at: SourceLocation(line: 1, column: 1), "the file is empty; a scenario starts with 'firedrill: 1'")))
        }
        var budget = limits.maximumNodes
        let tree = SourceTreeBuilder.build(root, budget: &budget)
        let result = ScenarioDecoder.decode(tree, limits: limits)
        return Loaded(path: path, source: text, scenario: result.scenario, diagnostics: result.diagnostics)
    }

    // MARK: Reading

    private func readFile(_ path: String) -> Result<Data, Diagnostic> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(.error(at: nil, "no such file"))
        }
        if isDirectory.boolValue {
            return .failure(.error(at: nil, "is a directory; name a scenario file (.yaml, .yml or .json)"))
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
            return .failure(.error(at: nil, "is not a regular file; name a scenario file (.yaml, .yml or .json)"))
        }
        if let size = (attributes?[.size] as? NSNumber)?.intValue, size > limits.maximumFileBytes {
            return .failure(tooLarge(bytes: size))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(.error(at: nil, "cannot be read (check its permissions)"))
        }
        defer { try? handle.close() }
        do {
            // Read at most one byte past the limit, in case the file grew since it was measured.
            let data = try handle.read(upToCount: limits.maximumFileBytes + 1) ?? Data()
            return data.count > limits.maximumFileBytes ? .failure(tooLarge(bytes: data.count)) : .success(data)
        } catch {
            return .failure(.error(at: nil, "cannot be read: \(error.localizedDescription)"))
        }
    }

    private func tooLarge(bytes: Int) -> Diagnostic {
        .error(at: nil, "the file is \(Self.megabytes(bytes)) MB; scenario files are limited to \(Self.megabytes(limits.maximumFileBytes)) MB")
    }

    private static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return "\(tenths / 10).\(tenths % 10)"
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
            return .error(at: nil, "cannot read the document: \(error)")
        }
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .error(at: SourceLocation(line: mark.line, column: mark.column), "YAML syntax error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(at: SourceLocation(line: context.mark.line, column: context.mark.column), "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping; each key may appear once")
        default:
            return .error(at: nil, "cannot read the document: \(yamlError)")
        }
    }

    // MARK: Byte positions

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var iterator = CountingIterator(bytes: bytes)
        var decoder = UTF8()
        while true {
            let start = iterator.position
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return nil
            case .error: return start
            }
        }
    }

    /// The line and column (in Unicode scalars) of a byte offset.
    static func location(ofByte offset: Int, in bytes: [UInt8]) -> SourceLocation {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == 10 {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }

    private struct CountingIterator: IteratorProtocol {
        let bytes: [UInt8]
        var position = 0

        mutating func next() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }
    }
}
