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
