/// An optional that is written as `null` when absent, instead of being left out.
///
/// Reports write every key of the contract, `null` included, so that a reader never has to
/// tell a missing key from an absent value. Swift's synthesized `Codable` leaves `nil` out;
/// a property wrapped in `@ExplicitNull` is encoded through this type, which writes `null`.
@propertyWrapper
public struct ExplicitNull<Value: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// A key that is missing reads as `null`.
    public func decode<T>(_ type: ExplicitNull<T>.Type, forKey key: Key) throws -> ExplicitNull<T> {
        try decodeIfPresent(type, forKey: key) ?? ExplicitNull(wrappedValue: nil)
    }
}

extension KeyedEncodingContainer {
    /// Writes the value, or `null`, straight into the container (synthesized `Encodable`
    /// picks this overload, which avoids a nested encoder per field).
    public mutating func encode<T>(_ value: ExplicitNull<T>, forKey key: Key) throws {
        if let wrapped = value.wrappedValue { try encode(wrapped, forKey: key) } else { try encodeNil(forKey: key) }
    }
}
