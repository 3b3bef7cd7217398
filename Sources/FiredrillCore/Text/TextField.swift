/// The rules for text people type into a drill (ad-lib injects, observations, survey
/// comments): the same as for a scenario's fields, so what is refused in a file is refused
/// everywhere.
public enum TextField {
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
