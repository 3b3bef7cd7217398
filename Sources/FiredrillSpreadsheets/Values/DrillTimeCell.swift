import Foundation
import FiredrillCore

/// A drill time or duration written in a cell, in any of the forms planners use:
/// `mm:ss`, `h:mm:ss`, `90s`, `5m`, `1h30m`, `20分`, `+15m`, `T+15` (minutes),
/// `D+0 H+1 M+30`, or an Excel time cell.
enum DrillTimeCell {
    /// The whole seconds the cell means, or why it means none.
    static func seconds(_ value: CellValue) -> Result<Int64, ValueProblem> {
        switch value {
        case .number(let number, .time):
            guard let seconds = ExcelTime.seconds(fromDayFraction: number) else {
                return .failure(ValueProblem(.timeCellOutOfRange, ["value": "\(CellValue.plain(number))"]))
            }
            return .success(seconds)
        case .number(let number, .date) where number >= 0 && number < 1:
            // A date-and-time format (such as built-in 22, m/d/yy h:mm) on a time without a day.
            return seconds(.number(number, format: .time))
        case .number(let number, .date):
            return .failure(ValueProblem(.timeIsDate, ["value": "\(CellValue.plain(number))"]))
        case .number(let number, .general):
            return .failure(ValueProblem(.numberWithoutUnit, ["value": "\(CellValue.plain(number))"]))
        case .bool, .error:
            return .failure(ValueProblem(.notDrillTimeValue, ["value": "\(value.text)"]))
        case .text(let text):
            return seconds(text)
        }
    }

    /// The whole seconds a text means.
    static func seconds(_ raw: String) -> Result<Int64, ValueProblem> {
        var text = TextMatching.normalizeWidth(raw).trimmed
        // 「5分後」「開始 1時間後」: Japanese planners write the time after the start so.
        if text.hasSuffix("後"), text.count > 1 {
            text = String(text.dropLast()).trimmed
            if text.hasPrefix("開始") { text = String(text.dropFirst(2)).trimmed }
        }
        let failure = ValueProblem(.notDrillTimeText, ["text": "\(raw.prefix(40))"])
        guard !text.isEmpty, text.utf8.count <= 64 else { return .failure(failure) }
        if text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            return .failure(ValueProblem(.textWithoutUnit, ["text": "\(text)"]))
        }
        if let seconds = tPlus(text) ?? dayHourMinute(text) ?? twelveHour(text) ?? plain(text.hasPrefix("+") ? String(text.dropFirst()) : text) {
            return .success(seconds)
        }
        return .failure(failure)
    }

    /// `T+15` (minutes), or `T+` before another form (`T+1h`, `T+0:15:00`).
    private static func tPlus(_ text: String) -> Int64? {
        guard let first = text.first, first == "T" || first == "t" else { return nil }
        let rest = text.dropFirst().drop(while: \.isWhitespace)
        guard rest.first == "+" else { return nil }
        let amount = String(rest.dropFirst().drop(while: \.isWhitespace))
        if !amount.isEmpty, amount.utf8.count <= 6, amount.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let minutes = Int64(amount) {
            return minutes * 60 <= DrillTime.maximumSeconds ? minutes * 60 : nil
        }
        return plain(amount)
    }

    /// `D+0 H+1 M+30`: days, hours, minutes (and seconds), each at most once and in that order.
    private static func dayHourMinute(_ text: String) -> Int64? {
        let units: [Character: (rank: Int, seconds: Int64)] = ["d": (0, 86_400), "h": (1, 3_600), "m": (2, 60), "s": (3, 1)]
        var rest = Substring(text.lowercased())
        var total: Int64 = 0
        var lastRank = -1
        var parts = 0
        while true {
            rest = rest.drop(while: \.isWhitespace)
            guard let letter = rest.first else { break }
            guard let unit = units[letter], unit.rank > lastRank else { return nil }
            rest = rest.dropFirst().drop(while: \.isWhitespace)
            guard rest.first == "+" else { return nil }
            rest = rest.dropFirst().drop(while: \.isWhitespace)
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 7, let number = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            total += number * unit.seconds
            guard total <= DrillTime.maximumSeconds else { return nil }
            lastRank = unit.rank
            parts += 1
        }
        return parts > 0 ? total : nil
    }

    /// A time cell that a spreadsheet saved as text on a 12-hour clock (`12:15:00 AM`,
    /// `午前 0:15:00`, as LibreOffice may write a time cell to CSV): the time since midnight.
    private static func twelveHour(_ text: String) -> Int64? {
        let upper = text.uppercased()
        var clock: Substring
        var afternoon: Bool
        if upper.hasSuffix("AM") || upper.hasSuffix("PM") {
            afternoon = upper.hasSuffix("PM")
            clock = text.dropLast(2)
        } else if text.hasPrefix("午前") || text.hasPrefix("午後") {
            afternoon = text.hasPrefix("午後")
            clock = text.dropFirst(2)
        } else {
            return nil
        }
        clock = clock.drop(while: \.isWhitespace)
        while clock.last?.isWhitespace == true { clock = clock.dropLast() }
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int64(parts[0]), (1...12).contains(hour) || (!afternoon && hour == 0),
              let minute = Int64(parts[1]), minute < 60
        else { return nil }
        let second = parts.count == 3 ? Int64(parts[2]) ?? 60 : 0
        guard second < 60 else { return nil }
        return (hour % 12 + (afternoon ? 12 : 0)) * 3600 + minute * 60 + second
    }

    /// `mm:ss`, `h:mm:ss` or a duration (`90s`, `1h30m`, `20分`), in whole seconds.
    private static func plain(_ text: String) -> Int64? {
        guard !text.isEmpty, !text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if text.contains(":") {
            guard !text.contains("."), let time = DrillTime(clockText: text) else { return nil }
            return time.milliseconds / 1000
        }
        return DrillTime(durationText: text).map { $0.milliseconds / 1000 }
    }

    /// A number of seconds as the scenario format writes a duration: `15m`, `1h30m`, `0s`.
    static func durationText(_ seconds: Int64) -> String {
        var parts = ""
        if seconds >= 3600 { parts += "\(seconds / 3600)h" }
        if seconds % 3600 >= 60 { parts += "\((seconds % 3600) / 60)m" }
        if seconds % 60 != 0 || parts.isEmpty { parts += "\(seconds % 60)s" }
        return parts
    }
}

/// Why a cell's value cannot be used, in words for the person who typed it.
struct ValueProblem: Error, Sendable, Hashable {
    var problem: SpreadsheetMessage

    /// Why, in English.
    var message: String { problem.text(in: .english) }

    init(_ key: SpreadsheetMessage.Key, _ values: [String: SpreadsheetMessage.Value] = [:]) {
        problem = SpreadsheetMessage(key, values)
    }
}
