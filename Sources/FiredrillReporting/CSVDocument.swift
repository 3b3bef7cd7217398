import CSV
import Foundation

/// A CSV file as RFC 4180 writes it: fields with commas, quotes or line breaks (CR, LF or
/// CRLF) quoted, quotes doubled, every record ended by CRLF. Written by the CSV.swift
/// package; this type only adds what firedrill's exports need on top.
public struct CSVDocument: Sendable {
    public let header: [String]
    private var rows: [[String]] = []

    public init(header: [String]) {
        self.header = header
    }

    public mutating func append(_ fields: [String]) {
        precondition(fields.count == header.count, "a CSV row has \(fields.count) fields, the header \(header.count)")
        rows.append(fields)
    }

    public var isEmpty: Bool { rows.isEmpty }

    /// The file's text. With `byteOrderMark`, it starts with U+FEFF so that spreadsheet
    /// programs read it as UTF-8 (Japanese text included).
    public func text(byteOrderMark: Bool = false) -> String {
        let stream = OutputStream.toMemory()
        stream.open()
        do {
            let writer = try CSVWriter(stream: stream, newline: .crlf)
            try writer.write(row: header.map(Self.spreadsheetSafe))
            for row in rows { try writer.write(row: row.map(Self.spreadsheetSafe)) }
        } catch {
            // Writing to memory does not fail; if it ever did, the output would be cut short.
            preconditionFailure("writing CSV to memory failed: \(error)")
        }
        stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return (byteOrderMark ? "\u{FEFF}" : "") + String(decoding: data, as: UTF8.self) + "\r\n"
    }

    /// A field as a spreadsheet should show it: text that a spreadsheet would run as a
    /// formula (starting with `=`, `+`, `-`, `@`, a tab or CR) gets a leading apostrophe,
    /// unless it is a plain number such as `-3.5`. Line feeds inside a field stay.
    static func spreadsheetSafe(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field }
        if Double(field) != nil { return field }
        return "'" + field
    }
}
