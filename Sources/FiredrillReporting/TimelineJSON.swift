import FiredrillCore

/// Writes a report's timeline (events in their ``EventView`` shape) as `JSONEncoder` would (pretty-printed, sorted keys,
/// slashes unescaped), byte for byte, at a fraction of the cost.
///
/// The timeline is nearly all of a long drill's report (20,000 actions give 25,000 entries),
/// and going through `Encodable` costs more than playing the drill. Everything else in the
/// report goes through `JSONEncoder`; the tests compare this writer's output with
/// `JSONEncoder`'s for every bundled drill and for hostile text.
enum TimelineJSON {
    /// The entries as the elements of an array nested `depth` levels deep (the report's
    /// `timeline` is at depth 1), with the brackets.
    static func write(_ entries: [EventView], depth: Int, into out: inout [UInt8]) {
        let inner = depth * 2 + 2
        out.append(UInt8(ascii: "["))
        out.append(10)
        if entries.isEmpty { out.append(10) }
        for (index, entry) in entries.enumerated() {
            pad(inner, &out)
            out.append(UInt8(ascii: "{"))
            out.append(10)
            // Keys in sorted order (as ``EventView/jsonFields`` gives them), as JSONEncoder's
            // `.sortedKeys` writes them.
            let fields = entry.jsonFields
            for (position, field) in fields.enumerated() {
                pad(inner + 2, &out)
                string(field.key, &out)
                out.append(contentsOf: [32, UInt8(ascii: ":"), 32])
                value(field.value, indent: inner + 2, &out)
                if position < fields.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(10)
            }
            pad(inner, &out)
            out.append(UInt8(ascii: "}"))
            if index < entries.count - 1 { out.append(UInt8(ascii: ",")) }
            out.append(10)
        }
        pad(inner - 2, &out)
        out.append(UInt8(ascii: "]"))
    }

    private static func value(_ value: EventView.FieldValue, indent: Int, _ out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .string(let text): string(text, &out)
        case .number(let number): self.number(number, &out)
        case .integer(let integer): out.append(contentsOf: String(integer).utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .strings(let texts):
            open(texts.count, &out)
            for (index, text) in texts.enumerated() {
                pad(indent + 2, &out)
                string(text, &out)
                separate(index, texts.count, &out)
            }
            close(indent, &out)
        case .integers(let integers):
            open(integers.count, &out)
            for (index, integer) in integers.enumerated() {
                pad(indent + 2, &out)
                out.append(contentsOf: String(integer).utf8)
                separate(index, integers.count, &out)
            }
            close(indent, &out)
        case .met(let met):
            open(met.count, &out)
            for (index, entry) in met.enumerated() {
                pad(indent + 2, &out)
                out.append(UInt8(ascii: "{"))
                out.append(10)
                member("credit", indent + 4, &out); number(entry.credit, &out)
                out.append(contentsOf: [UInt8(ascii: ","), 10])
                member("elapsed_seconds", indent + 4, &out); number(entry.elapsedSeconds, &out)
                out.append(contentsOf: [UInt8(ascii: ","), 10])
                member("objective", indent + 4, &out); string(entry.objective, &out)
                out.append(10)
                pad(indent + 2, &out)
                out.append(UInt8(ascii: "}"))
                separate(index, met.count, &out)
            }
            close(indent, &out)
        }
    }

    private static func member(_ key: String, _ indent: Int, _ out: inout [UInt8]) {
        pad(indent, &out)
        string(key, &out)
        out.append(contentsOf: [32, UInt8(ascii: ":"), 32])
    }

    /// `[` and a line break; an empty array gets a blank line, as JSONEncoder writes it.
    private static func open(_ count: Int, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        out.append(10)
        if count == 0 { out.append(10) }
    }

    private static func separate(_ index: Int, _ count: Int, _ out: inout [UInt8]) {
        if index < count - 1 { out.append(UInt8(ascii: ",")) }
        out.append(10)
    }

    private static func close(_ indent: Int, _ out: inout [UInt8]) {
        pad(indent, &out)
        out.append(UInt8(ascii: "]"))
    }

    private static func pad(_ count: Int, _ out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(32, count: count))
    }

    /// A finite number as JSONEncoder writes it: Swift's shortest form without a trailing `.0`.
    static func number(_ value: Double, _ out: inout [UInt8]) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    static func string(_ text: String, _ out: inout [UInt8]) {
        out.append(34)
        // Most texts need no escape: copied whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 34 || $0 == 92 }) {
            out.append(contentsOf: text.utf8)
            out.append(34)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case 34: out.append(contentsOf: [92, 34])
            case 92: out.append(contentsOf: [92, 92])
            case 10: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 13: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 9: out.append(contentsOf: [92, UInt8(ascii: "t")])
            case 8: out.append(contentsOf: [92, UInt8(ascii: "b")])
            case 12: out.append(contentsOf: [92, UInt8(ascii: "f")])
            case 0..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, digits[Int(byte >> 4)], digits[Int(byte & 15)]])
            default: out.append(byte)
            }
        }
        out.append(34)
    }
}
