import CSV
import Foundation

/// Writes one sheet as CSV the way Excel opens it: UTF-8 with a byte-order mark (without
/// it, Excel reads Japanese text as the local code page), CRLF line ends, fields quoted as
/// RFC 4180 has it, and text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`)
/// after an apostrophe, which `msel import` removes.
enum CSVFileWriter {
    static func write(_ sheet: SheetTable) -> Data {
        let stream = OutputStream.toMemory()
        stream.open()
        do {
            let writer = try CSVWriter(stream: stream, newline: .crlf)
            let width = sheet.rows.map(\.count).max() ?? 0
            for row in sheet.rows {
                var fields = row.map { $0?.csvText ?? "" }
                fields += Array(repeating: "", count: width - fields.count)
                try writer.write(row: fields, quotedAtIndex: { _ in false })
            }
        } catch {
            // Writing to memory does not fail; if it ever did, the file would be cut short.
            preconditionFailure("writing CSV to memory failed: \(error)")
        }
        stream.close()
        let body = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return Data([0xEF, 0xBB, 0xBF]) + body + Data("\r\n".utf8)
    }
}
