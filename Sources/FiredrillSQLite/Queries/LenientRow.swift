import FiredrillStore
import GRDB

/// The columns of a GRDB row, read without trusting their types, for
/// ``FiredrillStore/LenientRow`` (whose rules are shared with every store).
///
/// SQLite keeps whatever value a column is given, and GRDB stops the process when a
/// non-optional subscript meets a value of the wrong type: here each value is converted as
/// GRDB converts it, and one it cannot convert is shown as GRDB describes it.
struct SQLiteCells: StoredCells {
    let row: Row

    func string(at index: Int) -> StoredCell<String> { cell(at: index) }
    func double(at index: Int) -> StoredCell<Double> { cell(at: index) }
    func int64(at index: Int) -> StoredCell<Int64> { cell(at: index) }
    func int(at index: Int) -> StoredCell<Int> { cell(at: index) }
    func bool(at index: Int) -> StoredCell<Bool> { cell(at: index) }

    private func cell<T: DatabaseValueConvertible>(at index: Int) -> StoredCell<T> {
        let stored: DatabaseValue = row[index]
        if stored.isNull { return .null }
        if let value = T.fromDatabaseValue(stored) { return .value(value) }
        return .unreadable(String(describing: stored))
    }
}

extension LenientRow where Cells == SQLiteCells {
    init(_ row: Row) {
        self.init(cells: SQLiteCells(row: row))
    }
}
