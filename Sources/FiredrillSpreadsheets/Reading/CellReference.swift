/// Where a cell is: its row and column, both counted from 1, as `A1` names them.
public struct CellReference: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// The largest row and column a worksheet has (Excel 2007 and later).
    public static let maximumRow = 1_048_576
    public static let maximumColumn = 16_384

    public static func < (lhs: CellReference, rhs: CellReference) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }

    /// `C7`.
    public var description: String { Self.columnName(column) + String(row) }

    /// `A` for 1, `Z` for 26, `AA` for 27.
    public static func columnName(_ column: Int) -> String {
        var number = column
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    /// Reads `C7` (or `$C$7`); `nil` for anything else or beyond a worksheet's size.
    public init?(_ text: some StringProtocol) {
        var column = 0
        var row = 0
        var seenDigit = false
        var letters = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "$"):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard !seenDigit, letters < 3 else { return nil }
                column = column * 26 + Int((byte | 0x20) - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, row <= Self.maximumRow else { return nil }
                seenDigit = true
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
            default:
                return nil
            }
        }
        guard seenDigit, (1...Self.maximumRow).contains(row), (1...Self.maximumColumn).contains(column) else { return nil }
        self.init(row: row, column: column)
    }

    /// The column of a reference without a row (`C`), or of a whole reference (`C7`).
    static func column(of text: some StringProtocol) -> Int? {
        let letters = text.utf8.prefix { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
        guard (1...3).contains(letters.count) else { return nil }
        let column = letters.reduce(0) { $0 * 26 + Int(($1 | 0x20) - UInt8(ascii: "a")) + 1 }
        return column <= maximumColumn ? column : nil
    }
}
