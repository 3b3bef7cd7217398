/// What a cell holds, as the file stores it.
public enum CellValue: Sendable, Hashable {
    case text(String)
    /// A number; `format` says whether the cell shows it as a time or a date.
    case number(Double, format: NumberFormatKind)
    case bool(Bool)
    /// An error value such as `#N/A` or `#REF!`.
    case error(String)

    /// The value as text, as a spreadsheet shows it without a number format: `3`, `2.5`,
    /// `TRUE`; a time as `h:mm:ss`.
    public var text: String {
        switch self {
        case .text(let text): return text
        case .bool(let value): return value ? "TRUE" : "FALSE"
        case .error(let code): return code
        case .number(let value, let format):
            if format == .time, let seconds = ExcelTime.seconds(fromDayFraction: value) {
                return ExcelTime.clock(seconds)
            }
            return Self.plain(value)
        }
    }

    /// A number as a spreadsheet's General format writes it: no `.0` on whole numbers.
    static func plain(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Whether the cell counts as empty (text of spaces only).
    var isBlank: Bool {
        if case .text(let text) = self { return text.allSatisfy(\.isWhitespace) }
        return false
    }
}

/// How a number cell is shown, as far as reading a drill goes.
public enum NumberFormatKind: Sendable, Hashable {
    case general
    /// A time of day or a duration (`h:mm:ss`, `[h]:mm`, `mm:ss`).
    case time
    /// A date, with or without a time.
    case date
}

/// One cell with a value.
public struct Cell: Sendable, Hashable {
    public var reference: CellReference
    public var value: CellValue

    public init(_ reference: CellReference, _ value: CellValue) {
        self.reference = reference
        self.value = value
    }
}

/// A row with at least one cell that is not empty; its cells in column order.
public struct SheetRow: Sendable, Hashable {
    /// The row's number in the sheet (from 1; for CSV, the record's number).
    public var number: Int
    public var cells: [Cell]

    public init(number: Int, cells: [Cell]) {
        self.number = number
        self.cells = cells
    }

    /// The value in `column`, if that cell is not empty.
    public subscript(column: Int) -> CellValue? {
        // Rows are short (a dozen cells): a linear search beats any index.
        for cell in cells where cell.reference.column == column { return cell.value }
        return nil
    }
}

/// A sheet of a workbook, or the one sheet of a CSV file: its non-empty rows in order.
public struct Sheet: Sendable, Hashable {
    public var name: String
    public var rows: [SheetRow]

    public init(name: String, rows: [SheetRow]) {
        self.name = name
        self.rows = rows
    }
}

/// The sheets of a file, in the file's order, and what was noticed while reading them.
public struct Workbook: Sendable {
    public var sheets: [Sheet]
    public var problems: [SpreadsheetProblem]

    public init(sheets: [Sheet], problems: [SpreadsheetProblem] = []) {
        self.sheets = sheets
        self.problems = problems
    }
}
