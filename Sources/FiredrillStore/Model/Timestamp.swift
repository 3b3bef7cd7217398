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
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(pad(parts.year ?? 0, 4))-\(pad(parts.month ?? 0, 2))-\(pad(parts.day ?? 0, 2))"
    }

    /// Checks that `text` is an existing calendar day written `yyyy-MM-dd`.
    package static func isValidDay(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D,
              let year = number(b, 0..<4), let month = number(b, 5..<7), let day = number(b, 8..<10)
        else { return false }
        return isValidDay(year: year, month: month, day: day)
    }

    // MARK: Calendar arithmetic (proleptic Gregorian, after H. Hinnant's algorithms)

    private static func isValidDay(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    private static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivision(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
        let q = a / b, r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    private static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var value = 0
        for index in range {
            let byte = bytes[index]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    private static func pad(_ value: some BinaryInteger, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
