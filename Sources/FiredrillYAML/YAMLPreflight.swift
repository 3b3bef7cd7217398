import CYaml
import FiredrillCore

/// A streaming pass over the YAML events, before any tree is built.
///
/// Yams composes documents recursively and hashes whole keys, so a deeply nested document
/// or an "alias bomb" (aliases that expand exponentially) would exhaust the stack or the
/// CPU inside it. This pass uses libyaml's event parser, which keeps its own stack, to
/// bound nesting depth and the number of nodes the document expands to (counting each use
/// of an alias at its full size), in time linear in the file's length.
enum YAMLPreflight {
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, limits: ValidationLimits) -> Diagnostic? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .error(at: nil, .yamlStartFailed)
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)

        var stack: [(anchor: String?, countBefore: Int)] = []
        var anchorSizes: [String: Int] = [:]
        var nodes = 0
        var documents = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return syntaxError(parser, bytes: bytes, maximumDepth: limits.maximumDepth)
            }
            defer { yaml_event_delete(&event) }
            let location = SourceLocation(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    return .error(at: location, .secondDocument)
                }
            case YAML_SCALAR_EVENT:
                nodes += 1
                if let anchor = string(event.data.scalar.anchor) { anchorSizes[anchor] = 1 }
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                nodes += 1
                let anchor = event.type == YAML_SEQUENCE_START_EVENT
                    ? string(event.data.sequence_start.anchor) : string(event.data.mapping_start.anchor)
                stack.append((anchor, nodes - 1))
                if stack.count > limits.maximumDepth {
                    return tooDeep(limits.maximumDepth, at: location)
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                if let (anchor, before) = stack.popLast(), let anchor {
                    anchorSizes[anchor] = nodes - before
                }
            case YAML_ALIAS_EVENT:
                guard let anchor = string(event.data.alias.anchor), let size = anchorSizes[anchor] else {
                    return .error(at: location, .undefinedAlias)
                }
                nodes += size
            default:
                break
            }
            if nodes > limits.maximumNodes {
                return .error(at: location, .tooManyNodes, ["maximum": .verbatim("\(limits.maximumNodes)")])
            }
        }
    }

    private static func tooDeep(_ depth: Int, at location: SourceLocation) -> Diagnostic {
        .error(at: location, .tooDeep, ["depth": .verbatim("\(depth)")])
    }

    private static func string(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func syntaxError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        let context = parser.context.map { String(cString: $0) }
        let mark = parser.problem_mark
        let location = SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        if problem.lowercased().contains("nesting level") {
            // libyaml's scanner counts brackets ahead of the events and has a limit of its own.
            return tooDeep(maximumDepth, at: location)
        }
        var values: [String: ValidationMessage.Value] = ["problem": .name(problem), "context": .none, "advice": .none]
        if let context {
            values["context"] = .message(ValidationMessage(.yamlContext, [
                "context": .name(context), "line": .verbatim("\(Int(parser.context_mark.line) + 1)"),
            ]))
        }
        let index = Int(mark.index)
        if problem.contains("cannot start any token"), index < bytes.count, bytes[index] == 9 {
            values["advice"] = .message(ValidationMessage(.yamlTabs))
        } else if problem.contains("control characters") || problem.contains("invalid") {
            values["advice"] = .message(ValidationMessage(.yamlNotText))
        }
        return .error(at: location, .yamlSyntax, values)
    }
}
