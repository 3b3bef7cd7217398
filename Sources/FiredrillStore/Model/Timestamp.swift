import FiredrillCore
import Foundation

/// The text forms of instants and days in the database.
///
/// Instants are ISO-8601 in UTC with milliseconds (`2026-11-22T04:01:02.123Z`): fixed
/// width, so that text order is time order and range queries can use indexes.
/// Days are `yyyy-MM-dd`. Both are formatted and parsed by hand: exactly, and fast enough
/// for reading thousands of rows.
public enum Timestamp {
    /// The instant, truncated to the millisecond.
    public static func string(from date: Date) -> String {
        let exact = date.timeIntervalSince1970 * 1000
        let nearest = exact.rounded()
        // Dates read back from text are within rounding error of a whole millisecond.
        let milliseconds = Int64(abs(exact - nearest) < 0.001 ? nearest : exact.rounded(.down))
        let (days, msOfDay) = floorDivision(milliseconds, 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        let seconds = msOfDay / 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2)).\(pad(msOfDay % 1000, 3))Z"
    }

    /// Reads `yyyy-MM-ddTHH:mm:ss.SSSZ`; `nil` for any other text.
    public static func date(from text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A,
              b[19] == 0x2E, b[23] == 0x5A,
              let year = number(b, 0..<4), let month = number(b, 5..<7), let day = number(b, 8..<10),
              let hour = number(b, 11..<13), let minute = number(b, 14..<16), let second = number(b, 17..<19),
              let ms = number(b, 20..<23),
              isValidDay(year: year, month: month, day: day), hour < 24, minute < 60, second < 60
        else { return nil }
        let days = Self.days(year: year, month: month, day: day)
        let total = ((Int64(days) * 24 + Int64(hour)) * 60 + Int64(minute)) * 60_000 + Int64(second) * 1000 + Int64(ms)
        return Date(timeIntervalSince1970: Double(total) / 1000)
    }

    /// `yyyy-MM-dd` of the day containing `date` in `timeZone`.
    package static func day(of date: Date, in timeZone: TimeZone) -> String {
        CalendarDay(date, in: timeZone).description
    }

    /// Checks that `text` is an existing calendar day written `yyyy-MM-dd`.
    package static func isValidDay(_ text: String) -> Bool {
        CalendarDay(text) != nil
    }

    // MARK: Calendar arithmetic (``FiredrillCore/CalendarDay``)

    private static func isValidDay(year: Int, month: Int, day: Int) -> Bool {
        CalendarDay.exists(year: year, month: month, day: day)
    }

    private static func days(year: Int, month: Int, day: Int) -> Int {
        CalendarDay(year: year, month: month, day: day).number
    }

    private static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        CalendarDay(number: Int(days)).parts
    }

    private static func floorDivision(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
        let q = a / b, r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    private static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Int? { CalendarDay.number(bytes, range) }

    private static func pad(_ value: some BinaryInteger, _ width: Int) -> String { CalendarDay.pad(value, width) }
}
