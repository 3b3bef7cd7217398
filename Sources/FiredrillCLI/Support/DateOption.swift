import ArgumentParser
import Foundation

/// A date on the command line: `yyyy-MM-dd` (a whole UTC day) or an ISO-8601 instant.
struct DateOption: ExpressibleByArgument {
    /// The first instant of the day, or the instant given.
    var start: Date
    /// The first instant after the day, or the instant given.
    var end: Date

    init?(argument: String) {
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(identifier: "UTC")
        day.dateFormat = "yyyy-MM-dd"
        if argument.count == 10, let date = day.date(from: argument) {
            start = date
            end = date.addingTimeInterval(86_400)
            return
        }
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: argument) {
                start = date
                end = date
                return
            }
        }
        return nil
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

enum Formats {
    static func utc(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func seconds(_ milliseconds: Int64?) -> Double? {
        milliseconds.map { Double($0) / 1000 }
    }

    /// `m:ss` / `h:mm:ss`, or `–`.
    static func clock(_ milliseconds: Int64?) -> String {
        guard let milliseconds else { return "–" }
        return DrillClockText.describe(milliseconds: milliseconds / 1000 * 1000)
    }

    /// A CSV field, quoted when needed.
    static func csv(_ value: String) -> String {
        value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    static func csvLine(_ fields: [String]) -> String {
        fields.map(csv).joined(separator: ",") + "\n"
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

import FiredrillCore

enum DrillClockText {
    static func describe(milliseconds: Int64) -> String { DrillTime(milliseconds: milliseconds).description }
}
