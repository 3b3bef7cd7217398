import ArgumentParser
import FiredrillCore
import FiredrillReporting
import Foundation

/// `--lang` and `--tz`: the language of a printed report and the time zone of its local times.
struct ReportOptions: ParsableArguments {
    @Option(name: .customLong("lang"), help: "Language of the report: en or ja (default: the scenario's language).")
    var language: Language?

    @Option(name: .customLong("tz"), help: "Time zone for local times in the report, e.g. Asia/Tokyo (default: this machine's).")
    var timeZone: String?

    func validate() throws {
        if let timeZone, TimeZone(identifier: timeZone) == nil {
            throw ValidationError("--tz: unknown time zone '\(timeZone)' (use an IANA name such as Asia/Tokyo or UTC)")
        }
    }

    func context(for report: DrillReport) -> ReportContext {
        ReportContext(for: report, language: language, timeZone: timeZone.flatMap(TimeZone.init(identifier:)) ?? .current)
    }
}

/// `--bom`: CSV that spreadsheet programs open as UTF-8.
struct CSVOptions: ParsableArguments {
    @Flag(name: .customLong("bom"), help: "Start CSV output with a UTF-8 byte order mark, so that spreadsheet programs (Excel) read Japanese text correctly.")
    var byteOrderMark = false
}
