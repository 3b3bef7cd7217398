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

    /// The report as JSON, Markdown or the HTML page (the last two in this language and time zone).
    func render(_ report: DrillReport, as format: ReportFormat) throws -> String {
        switch format {
        case .json: try JSONReportRenderer.render(report)
        case .md: MarkdownReportRenderer.render(report, context: context(for: report))
        case .html: HTMLReportRenderer.render(report, context: context(for: report))
        }
    }
}

/// `--bom`: CSV that spreadsheet programs open as UTF-8.
struct CSVOptions: ParsableArguments {
    @Flag(name: .customLong("bom"), help: "Start CSV output with a UTF-8 byte order mark, so that spreadsheet programs (Excel) read Japanese text correctly.")
    var byteOrderMark = false
}

enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// `--format` and `--bom`: how a command writes the records it lists.
struct ListOptions: ParsableArguments {
    @Option(help: "Output: table, json or csv.")
    var format: ListFormat = .table

    @OptionGroup var csv: CSVOptions

    /// Writes `items` to standard output as JSON, as CSV (`csvHeader`, then each item's
    /// `fields`), or as the text `table` makes.
    func write<Item: Encodable>(
        _ items: [Item], csvHeader: [String], fields: (Item) -> [String], table: () -> String
    ) throws {
        switch format {
        case .json: Console.out(try JSONReportRenderer.encode(items))
        case .csv:
            var document = CSVDocument(header: csvHeader)
            for item in items { document.append(fields(item)) }
            Console.out(document.text(byteOrderMark: csv.byteOrderMark))
        case .table: Console.out(table())
        }
    }
}
