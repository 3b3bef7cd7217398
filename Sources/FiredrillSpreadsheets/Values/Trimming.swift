extension StringProtocol {
    /// The text without white space (line breaks included) at either end. Foundation's
    /// `trimmingCharacters(in:)` goes through NSString on Linux, which cost a tenth of
    /// importing a large sheet.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[first...last])
        return String(result)
    }
}
