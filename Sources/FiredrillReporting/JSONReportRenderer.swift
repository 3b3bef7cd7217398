import FiredrillCore
import Foundation

/// Renders reports as JSON: pretty-printed, keys sorted, so equal reports are equal bytes.
public enum JSONReportRenderer {
    public static func render(_ report: DrillReport) throws -> String {
        try encode(report)
    }

    /// Encodes any value the way reports are encoded (sorted keys, stable bytes).
    public static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
