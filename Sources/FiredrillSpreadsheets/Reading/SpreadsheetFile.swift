import FiredrillCore
import Foundation

/// The kinds of spreadsheet file firedrill reads and writes.
public enum SpreadsheetFormat: String, Sendable, Hashable, CaseIterable {
    case xlsx, csv

    /// The format a file's name says: `.xlsx` and `.xlsm` are workbooks; `.csv`, `.tsv` and
    /// `.txt` are CSV; `nil` for anything else.
    public init?(fileName: String) {
        let name = fileName.lowercased()
        if name.hasSuffix(".xlsx") || name.hasSuffix(".xlsm") {
            self = .xlsx
        } else if name.hasSuffix(".csv") || name.hasSuffix(".tsv") || name.hasSuffix(".txt") {
            self = .csv
        } else {
            return nil
        }
    }

    /// The media type a download of this format is served with.
    public var mediaType: String {
        switch self {
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    /// The file name extension, without the dot.
    public var fileExtension: String { rawValue }
}

/// Reads a spreadsheet file's sheets: the ones an MSEL workbook names (see ``SheetLayout``)
/// and, when none is named as the MSEL, the first one. The format comes from the file's
/// name, or from its first bytes when the name does not say.
enum SpreadsheetFile {
    struct Read {
        var workbook: Workbook
        var format: SpreadsheetFormat
        /// The encoding of a CSV file.
        var encoding: CSVEncoding?
    }

    static func read(_ data: Data, fileName: String, limits: SpreadsheetLimits) -> Result<Read, SpreadsheetProblem> {
        guard data.count <= limits.maximumFileBytes else {
            return .failure(.error(at: nil, .fileTooLarge, ["size": "\(megabytes(data.count))", "limit": "\(megabytes(limits.maximumFileBytes))"]))
        }
        let format = SpreadsheetFormat(fileName: fileName) ?? (data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: XLSXReader.cfbSignature) ? .xlsx : .csv)
        var budget = limits.maximumCells
        switch format {
        case .csv:
            switch CSVTextDecoder.decode([UInt8](data)) {
            case .failure(let failure):
                return .failure(SpreadsheetProblem(.error, at: nil, failure.message))
            case .success(let (text, encoding)):
                do {
                    let sheet = try CSVSheetReader.read(text, name: "MSEL", cellBudget: &budget)
                    return .success(Read(workbook: Workbook(sheets: [sheet]), format: .csv, encoding: encoding))
                } catch {
                    return .failure(SpreadsheetProblem(.error, at: nil, error.message))
                }
            }
        case .xlsx:
            do {
                var reader = try XLSXReader(data: data, limits: limits)
                var problems = reader.notes
                var wanted: [Int] = []
                for (index, sheet) in reader.sheets.enumerated() where SheetLayout.named(sheet.name) != nil {
                    wanted.append(index)
                }
                // Without a sheet named as the MSEL, the MSEL is the first sheet that no other name claims.
                if !wanted.contains(where: { SheetLayout.named(reader.sheets[$0].name) == .msel }),
                   let first = reader.sheets.indices.first(where: { SheetLayout.named(reader.sheets[$0].name) == nil }) {
                    wanted.append(first)
                }
                var sheets: [Sheet] = []
                for index in wanted.sorted() {
                    sheets.append(try reader.sheet(at: index, cellBudget: &budget, problems: &problems))
                }
                return .success(Read(workbook: Workbook(sheets: sheets, problems: problems), format: .xlsx, encoding: nil))
            } catch {
                return .failure(SpreadsheetProblem(.error, at: nil, error.message))
            }
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return "\(tenths / 10).\(tenths % 10)"
    }
}
