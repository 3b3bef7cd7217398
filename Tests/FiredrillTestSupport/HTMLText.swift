import Foundation

/// What a reader of an HTML page sees: tags and styles removed, character references
/// resolved, white space collapsed. Tests check reports by their content, not their bytes.
public enum HTMLText {
    public static func visible(_ html: String) -> String {
        var text = ""
        var inTag = false
        var inStyle = false
        var index = html.startIndex
        while index < html.endIndex {
            if html[index...].hasPrefix("<style") { inStyle = true }
            if html[index...].hasPrefix("</style>") { inStyle = false }
            let character = html[index]
            if character == "<" { inTag = true } else if character == ">" { inTag = false; text.append(" ") } else if !inTag && !inStyle { text.append(character) }
            index = html.index(after: index)
        }
        for (entity, value) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: value)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
