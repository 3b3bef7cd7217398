import ArgumentParser
import FiredrillCore
import FiredrillRecords
import Foundation

/// How values are written in tables and CSV.
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
        return DrillTime(milliseconds: milliseconds).wholeSecondsDescription
    }

    /// A number for CSV and tables: at most three decimals (a credit of 2/3 is `0.667`),
    /// whole numbers without a decimal point.
    static func number(_ value: Double?) -> String { EvidenceExport.number(value) }
}

/// The format of a printed report.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case json
    case md
    case html
}
