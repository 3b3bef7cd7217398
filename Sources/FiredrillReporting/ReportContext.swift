import FiredrillCore
import Foundation

/// What a rendering needs besides the report: the language to write in and the time zone
/// for local times. Everything else (the record, its verification, the wording review) is in
/// the report itself, so that every format and every place that renders it agree.
public struct ReportContext: Sendable {
    public var language: Language
    /// Local times of a recorded run are given in this zone beside UTC.
    public var timeZone: TimeZone

    public init(language: Language, timeZone: TimeZone = .current) {
        self.language = language
        self.timeZone = timeZone
    }

    /// The report's own language (its scenario's), or the one asked for.
    public init(for report: DrillReport, language: Language? = nil, timeZone: TimeZone = .current) {
        self.init(language: language ?? Language(tag: report.scenario.language), timeZone: timeZone)
    }

    var strings: ReportStrings { ReportStrings(language) }
}
