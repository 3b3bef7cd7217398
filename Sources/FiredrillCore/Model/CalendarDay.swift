import Foundation

/// A calendar day (proleptic Gregorian), written `yyyy-MM-dd`, counted as days since
/// 1970-01-01 so that "90 days before" is a subtraction. Parsed and formatted by hand, after
/// H. Hinnant's algorithms: exactly, and fast enough for a hundred thousand rows.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var number: Int

    public init(number: Int) { self.number = number }

    public init(year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        number = era * 146_097 + dayOfEra - 719_468
    }

    /// `yyyy-MM-dd` of an existing day; `nil` for any other text.
    public init?(_ text: some StringProtocol) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D,
              let year = Self.number(b, 0..<4), let month = Self.number(b, 5..<7), let day = Self.number(b, 8..<10),
              Self.exists(year: year, month: month, day: day)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day `date` falls on in `timeZone` (by default this machine's: "today" for the
    /// people who run it, not UTC's).
    public init(_ date: Date, in timeZone: TimeZone = .current) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// Today on this machine's calendar.
    public static var today: CalendarDay { CalendarDay(Date()) }

    /// The day of an ISO-8601 UTC instant (`2026-12-07T…Z`): its first ten characters.
    public init?(instant: some StringProtocol) {
        self.init(instant.prefix(10))
    }

    public var parts: (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `yyyy-MM-dd`.
    public var description: String {
        let (year, month, day) = parts
        return "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    /// `yyyy-MM`, the month the day is in.
    public var month: String { String(description.prefix(7)) }

    public static func + (day: CalendarDay, days: Int) -> CalendarDay { CalendarDay(number: day.number + days) }
    public static func - (day: CalendarDay, days: Int) -> CalendarDay { CalendarDay(number: day.number - days) }
    /// Days from `b` to `a`.
    public static func - (a: CalendarDay, b: CalendarDay) -> Int { a.number - b.number }
    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.number < b.number }

    /// Whether `text` is a month written `yyyy-MM`.
    public static func isMonth(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 7 && CalendarDay("\(text)-01") != nil
    }

    public static func exists(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// The decimal number written in `bytes[range]`, or `nil` for anything but digits.
    package static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var value = 0
        for index in range {
            let byte = bytes[index]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// `value` with leading zeros to `width` digits.
    package static func pad(_ value: some BinaryInteger, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
