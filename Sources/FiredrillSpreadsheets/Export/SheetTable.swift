/// A sheet to write: its name and rows of cells, the first row the headers.
struct SheetTable: Sendable {
    enum Value: Sendable, Hashable {
        case text(String)
        /// A drill time or duration, in whole seconds: a time cell (`[h]:mm:ss`) in a workbook,
        /// `h:mm:ss` in CSV.
        case time(Int64)
        case number(Double)

        /// The value as CSV writes it.
        var csvText: String {
            switch self {
            case .text(let text): CSVSheetReader.escapeFormula(text)
            case .time(let seconds): ExcelTime.clock(seconds)
            case .number(let number): CellValue.plain(number)
            }
        }
    }

    var name: String
    var rows: [[Value?]]
    /// Column widths in characters, for the workbook.
    var widths: [Double]
}
