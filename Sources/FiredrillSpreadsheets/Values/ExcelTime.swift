import FiredrillCore

/// Excel's times: a number of days, so that 0.5 is twelve hours and 1/96 fifteen minutes.
enum ExcelTime {
    /// Whole seconds in a day fraction, rounded to the nearest second (a time typed as
    /// `0:15:00` is stored as 0.010416666666666666); `nil` for a negative or absurd value.
    static func seconds(fromDayFraction days: Double) -> Int64? {
        guard days.isFinite, days >= 0 else { return nil }
        let seconds = (days * 86_400).rounded()
        guard seconds <= Double(DrillTime.maximumSeconds) else { return nil }
        return Int64(seconds)
    }

    /// The day fraction of a number of seconds, as a time cell stores it.
    static func dayFraction(seconds: Int64) -> Double {
        Double(seconds) / 86_400
    }

    /// `h:mm:ss`, hours not wrapping at 24 (`[h]:mm:ss`).
    static func clock(_ seconds: Int64) -> String {
        let (hours, minutes, rest) = (seconds / 3600, (seconds % 3600) / 60, seconds % 60)
        return "\(hours):\(minutes < 10 ? "0" : "")\(minutes):\(rest < 10 ? "0" : "")\(rest)"
    }
}
