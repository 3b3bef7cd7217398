import FiredrillCore

/// Writes a report's timeline entries as `JSONEncoder` would (pretty-printed, sorted keys,
/// slashes unescaped), byte for byte, at a fraction of the cost.
///
/// The timeline is nearly all of a long drill's report (20,000 actions give 25,000 entries),
/// and going through `Encodable` costs more than playing the drill. Everything else in the
/// report goes through `JSONEncoder`; the tests compare this writer's output with
/// `JSONEncoder`'s for every bundled drill and for hostile text.
enum TimelineJSON {
    /// The entries as the elements of an array nested `depth` levels deep (the report's
    /// `timeline` is at depth 1), with the brackets.
    static func write(_ entries: [DrillReport.TimelineEntry], depth: Int, into out: inout [UInt8]) {
        let inner = depth * 2 + 2
        out.append(UInt8(ascii: "["))
        out.append(10)
        if entries.isEmpty { out.append(10) }
        for (index, entry) in entries.enumerated() {
            pad(inner, &out)
            out.append(UInt8(ascii: "{"))
            out.append(10)
            var first = true
            func key(_ name: String) {
                if !first { out.append(contentsOf: [UInt8(ascii: ","), 10]) }
                first = false
                pad(inner + 2, &out)
                string(name, &out)
                out.append(contentsOf: [32, UInt8(ascii: ":"), 32])
            }
            // Keys in sorted order; absent values are left out, as the synthesized encoding does.
            if let adlib = entry.adlib { key("adlib"); out.append(contentsOf: (adlib ? "true" : "false").utf8) }
            key("at_seconds"); number(entry.atSeconds, &out)
            if let channel = entry.channel { key("channel"); string(channel, &out) }
            if let inject = entry.inject { key("inject"); string(inject, &out) }
            if let kind = entry.kind { key("kind"); string(kind.rawValue, &out) }
            if let met = entry.met {
                key("met")
                out.append(UInt8(ascii: "["))
                out.append(10)
                if met.isEmpty { out.append(10) }
                for (position, id) in met.enumerated() {
                    pad(inner + 4, &out)
                    string(id, &out)
                    if position < met.count - 1 { out.append(UInt8(ascii: ",")) }
                    out.append(10)
                }
                pad(inner + 2, &out)
                out.append(UInt8(ascii: "]"))
            }
            if let objective = entry.objective { key("objective"); string(objective, &out) }
            if let rating = entry.rating { key("rating"); string(rating.rawValue, &out) }
            if let role = entry.role { key("role"); string(role, &out) }
            if let subject = entry.subject { key("subject"); string(subject, &out) }
            if let target = entry.target { key("target"); string(target, &out) }
            if let text = entry.text { key("text"); string(text, &out) }
            key("type"); string(entry.type, &out)
            out.append(10)
            pad(inner, &out)
            out.append(UInt8(ascii: "}"))
            if index < entries.count - 1 { out.append(UInt8(ascii: ",")) }
            out.append(10)
        }
        pad(inner - 2, &out)
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
