/// What one audience sees of one recorded event: the `data` of an event-stream message,
/// `{"seq", "type", "at_seconds", "wall_time", …}` with the type's own fields.
///
/// Built by ``Visibility/view(of:met:wallTime:for:scenario:)`` only; a field is present
/// when the event's type has it (written as `null` when it has no value), and absent
/// otherwise.
public struct EventView: Sendable, Hashable, Encodable {
    public var seq: Int
    public var type: String
    public var atSeconds: Double
    public var wallTime: String?
    public var fields: [Field]

    public init(seq: Int, type: String, atSeconds: Double, wallTime: String?, fields: [Field]) {
        self.seq = seq
        self.type = type
        self.atSeconds = atSeconds
        self.wallTime = wallTime
        self.fields = fields
    }

    /// A field of the event's type, in the order written.
    public struct Field: Sendable, Hashable {
        public var key: String
        public var value: Value

        public init(key: String, value: Value) {
            self.key = key
            self.value = value
        }
    }

    public enum Value: Sendable, Hashable, Encodable {
        case string(String?)
        case number(Double?)
        case int(Int?)
        case bool(Bool)
        case strings([String])
        case met([DrillFeed.Met])

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let value): if let value { try container.encode(value) } else { try container.encodeNil() }
            case .number(let value): if let value { try container.encode(value) } else { try container.encodeNil() }
            case .int(let value): if let value { try container.encode(value) } else { try container.encodeNil() }
            case .bool(let value): try container.encode(value)
            case .strings(let value): try container.encode(value)
            case .met(let value): try container.encode(value)
            }
        }
    }

    public subscript(key: String) -> Value? {
        fields.first { $0.key == key }?.value
    }

    public func string(_ key: String) -> String? {
        if case .string(let value)? = self[key] { return value }
        return nil
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(seq, forKey: Key("seq"))
        try container.encode(type, forKey: Key("type"))
        try container.encode(atSeconds, forKey: Key("at_seconds"))
        try container.encode(wallTime, forKey: Key("wall_time"))
        for field in fields { try container.encode(field.value, forKey: Key(field.key)) }
    }
}
