import Foundation
import PostgresNIO

/// Decodes a stored value type (``FiredrillStore/StoredRun``, a corrective action, a token…)
/// from a PostgreSQL row by its coding keys, as GRDB does for SQLite: a key is the column's
/// name, or the property's name that the column is the snake case of (`scenarioSHA256` is
/// `scenario_sha256`, `runID` is `run_id`). One `Codable` type serves both stores.
struct RowDecoder: Decoder {
    let row: PostgresRandomAccessRow
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ row: PostgresRow) {
        self.row = row.makeRandomAccess()
    }

    static func decode<T: Decodable>(_ type: T.Type, from row: PostgresRow) throws -> T {
        try T(from: RowDecoder(row))
    }

    /// `scenarioSHA256` → `scenario_sha256`, `runID` → `run_id`, `ackMs` → `ack_ms`: a word
    /// starts at a capital after a small letter or a digit.
    static func snakeCase(_ name: String) -> String {
        var result = ""
        var previous: Character? = nil
        for character in name {
            if character.isUppercase, let previous, previous.isLowercase || previous.isNumber { result.append("_") }
            result += character.lowercased()
            previous = character
        }
        return result
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Columns<Key>(row: row, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "a row is read by its columns"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "a row is read by its columns"))
    }

    /// The row's columns by name.
    struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: PostgresRandomAccessRow
        var codingPath: [any CodingKey]
        var allKeys: [Key] { (0..<row.count).compactMap { Key(stringValue: row[$0].columnName) } }

        func column(_ key: Key) -> String? {
            if row.contains(key.stringValue) { return key.stringValue }
            let snake = RowDecoder.snakeCase(key.stringValue)
            return row.contains(snake) ? snake : nil
        }

        func contains(_ key: Key) -> Bool { column(key) != nil }

        func decodeNil(forKey key: Key) throws -> Bool {
            guard let column = column(key) else { return true }
            return row[column].bytes == nil
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard let column = column(key) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no column \(key.stringValue)"))
            }
            return try T(from: Cell(cell: row[column], codingPath: codingPath + [key]))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.typeMismatch([String: Any].self, .init(codingPath: codingPath + [key], debugDescription: "a column holds one value"))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath + [key], debugDescription: "a column holds one value"))
        }

        func superDecoder() throws -> any Decoder {
            throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "records are flat"))
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath + [key], debugDescription: "records are flat"))
        }
    }

    /// One column's value, for the types a record is made of (texts, numbers, booleans and
    /// the enumerations stored as their raw text).
    struct Cell: Decoder, SingleValueDecodingContainer {
        let cell: PostgresCell
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            throw DecodingError.typeMismatch([String: Any].self, .init(codingPath: codingPath, debugDescription: "a column holds one value"))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "a column holds one value"))
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

        func decodeNil() -> Bool { cell.bytes == nil }
        func decode(_ type: Bool.Type) throws -> Bool { try cell.decode(Bool.self) }
        func decode(_ type: String.Type) throws -> String { try cell.decode(String.self) }
        func decode(_ type: Double.Type) throws -> Double { try cell.decode(Double.self) }
        func decode(_ type: Float.Type) throws -> Float { try cell.decode(Float.self) }
        func decode(_ type: Int.Type) throws -> Int { try cell.decode(Int.self) }
        func decode(_ type: Int8.Type) throws -> Int8 { try narrow(cell.decode(Int64.self)) }
        func decode(_ type: Int16.Type) throws -> Int16 { try cell.decode(Int16.self) }
        func decode(_ type: Int32.Type) throws -> Int32 { try cell.decode(Int32.self) }
        func decode(_ type: Int64.Type) throws -> Int64 { try cell.decode(Int64.self) }
        func decode(_ type: UInt.Type) throws -> UInt { try narrow(cell.decode(Int64.self)) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try narrow(cell.decode(Int64.self)) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try narrow(cell.decode(Int64.self)) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try narrow(cell.decode(Int64.self)) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try narrow(cell.decode(Int64.self)) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: self) }

        private func narrow<T: FixedWidthInteger>(_ value: Int64) throws -> T {
            guard let narrowed = T(exactly: value) else {
                throw DecodingError.dataCorruptedError(in: self, debugDescription: "\(value) does not fit \(T.self)")
            }
            return narrowed
        }
    }
}
