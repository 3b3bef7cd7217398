/// The rules for text people type into a drill (ad-lib injects, observations, survey
/// comments): the same as for a scenario's fields, so what is refused in a file is refused
/// everywhere.
public enum TextField {
    /// `text` with every line break written as LF: CRLF and CR, as a Windows or classic Mac
    /// client sends them, mean the same as LF.
    public static func withLineFeeds(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var scalars = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
            } else if !(scalar == "\n" && afterCR) {
                scalars.append(scalar)
            }
            afterCR = scalar == "\r"
        }
        return String(scalars)
    }

    /// ``withLineFeeds(_:)`` for an optional text.
    public static func withLineFeeds(_ text: String?) -> String? {
        text.map(withLineFeeds)
    }

    /// Problems with `text` for `field`, as messages; empty when it is acceptable.
    public static func problems(_ text: String, field: String, oneLine: Bool, required: Bool, limits: ValidationLimits = .default) -> [String] {
        var problems: [String] = []
        let limit = oneLine ? limits.maximumLineLength : limits.maximumTextLength
        if text.unicodeScalars.count > limit {
            problems.append("'\(field)' is \(text.count) characters long; the limit is \(limit)")
        }
        if let bad = ControlCharacters.firstForbidden(in: text, allowingNewlines: !oneLine) {
            problems.append("'\(field)' contains the control character \(bad.name) at character \(bad.offset); type plain text")
        }
        if required, text.allSatisfy(\.isWhitespace) {
            problems.append("'\(field)' is empty")
        }
        return problems
    }
}
