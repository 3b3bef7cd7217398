import FiredrillYAML

/// A scenario as an ordered JSON tree, each value remembering the cell it came from, so
/// that a problem the loader finds in the generated text can be shown at that cell.
struct ScenarioTree: Sendable {
    indirect enum Value: Sendable {
        case string(String)
        case number(Double)
        case list([ScenarioTree])
        case object([(key: String, value: ScenarioTree)])
    }

    var value: Value
    /// The cell (or row) the value was read from; `nil` for values firedrill supplied.
    var origin: SpreadsheetPosition?

    init(_ value: Value, from origin: SpreadsheetPosition? = nil) {
        self.value = value
        self.origin = origin
    }

    static func string(_ text: String, from origin: SpreadsheetPosition?) -> ScenarioTree {
        ScenarioTree(.string(text), from: origin)
    }

    static func strings(_ items: [String], from origin: SpreadsheetPosition?) -> ScenarioTree {
        ScenarioTree(.list(items.map { .string($0, from: origin) }), from: origin)
    }

    /// The tree as JSON text, keys in their order.
    var json: String {
        var out = ""
        out.reserveCapacity(4096)
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch value {
        case .string(let text):
            ScenarioTextConversion.writeJSONString(text, into: &out)
        case .number(let number):
            out += CellValue.plain(number)
        case .list(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let entries):
            out += "{"
            for (index, entry) in entries.enumerated() {
                if index > 0 { out += "," }
                ScenarioTextConversion.writeJSONString(entry.key, into: &out)
                out += ":"
                entry.value.write(into: &out)
            }
            out += "}"
        }
    }
}

/// An object's entries in the order they are added, leaving out absent values.
struct ObjectBuilder {
    private(set) var entries: [(key: String, value: ScenarioTree)] = []

    mutating func add(_ key: String, _ value: ScenarioTree?) {
        if let value { entries.append((key, value)) }
    }

    func tree(from origin: SpreadsheetPosition?) -> ScenarioTree {
        ScenarioTree(.object(entries), from: origin)
    }
}
