import FiredrillStore
import GRDB

/// Reads the columns of a listing row without trusting their types.
///
/// SQLite keeps whatever value a column is given, and GRDB stops the process when a
/// non-optional subscript meets a value of the wrong type. Listings (history, trends) read
/// every run, so one edited or damaged row must not take the whole listing down: here an
/// unreadable value becomes `nil` and a note in ``damage``, which the listing shows.
struct LenientRow {
    let row: Row
    private(set) var damage: [String] = []

    init(_ row: Row) {
        self.row = row
    }

    /// The value at `index`, or `nil` when it is NULL or not of type `T` (noted as damage).
    mutating func value<T: DatabaseValueConvertible>(_ type: T.Type, at index: Int, column: String) -> T? {
        let stored: DatabaseValue = row[index]
        if stored.isNull { return nil }
        if let value = T.fromDatabaseValue(stored) {
            if let number = value as? Double, !number.isFinite {
                damage.append("\(column) is not a finite number")
                return nil
            }
            return value
        }
        damage.append("\(column) is unreadable (\(String(describing: stored).prefix(40)))")
        return nil
    }

    mutating func noteDamage(_ note: String) {
        damage.append(note)
    }

    /// Text at `index`; an unreadable value is shown as it is stored, and noted.
    mutating func text(at index: Int, column: String) -> String {
        let stored: DatabaseValue = row[index]
        if let text = String.fromDatabaseValue(stored) { return text }
        damage.append("\(column) is not text")
        return String(describing: stored)
    }
}
