import FiredrillCore
import Foundation

/// Renders reports as JSON: pretty-printed, keys sorted, so equal reports are equal bytes.
public enum JSONReportRenderer {
    /// The report as JSON. The timeline, nearly all of a long drill's report, is written by
    /// ``TimelineJSON``; the rest by `JSONEncoder`. The bytes are the same as encoding the
    /// whole report with `JSONEncoder` (the tests check this).
    public static func render(_ report: DrillReport) throws -> String {
        guard report.timeline.count > 64 else { return try encode(report) }
        var rest = report
        rest.timeline = []
        let skeleton = try encode(rest)
        let placeholder = "\"timeline\" : [\n\n  ]"
        guard let range = skeleton.range(of: placeholder) else { return try encode(report) }
        var out = Array(skeleton[..<range.lowerBound].utf8)
        out.reserveCapacity(skeleton.utf8.count + report.timeline.count * 160)
        out.append(contentsOf: "\"timeline\" : ".utf8)
        TimelineJSON.write(report.timeline, depth: 1, into: &out)
        out.append(contentsOf: skeleton[range.upperBound...].utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// Encodes any value the way reports are encoded (sorted keys, stable bytes).
    public static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
