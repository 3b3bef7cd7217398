import Foundation
/// Lists written in one cell: `ic, sre`, `広報、法務`, `a; b`, one item per line.
enum CellList {
    /// The items of `text`, split at `,` `、` `;` (and their full-width forms) and line
    /// breaks, and also at `/` when `slash` is set (recipients: `ic / sre`). A comma between
    /// two digits belongs to a number (`1,000`) and does not split. Items are trimmed; empty
    /// ones are dropped.
    static func items(_ text: String, slash: Bool = false) -> [String] {
        var items: [String] = []
        var current = String.UnicodeScalarView()
        var previous: Unicode.Scalar? = nil
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            defer { previous = scalar }
            let isSeparator: Bool
            switch scalar {
            case ",", "，":
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                isSeparator = !(isDigit(previous) && isDigit(next))
            case "、", ";", "；", "\n", "\r", "\u{2028}":
                isSeparator = true
            case "/", "／":
                isSeparator = slash
            default:
                isSeparator = false
            }
            if isSeparator {
                append(current, to: &items)
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        append(current, to: &items)
        return items
    }

    /// Line breaks only: a role's responsibilities.
    static func lines(_ text: String) -> [String] {
        var items: [String] = []
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            append(String.UnicodeScalarView(line.unicodeScalars), to: &items)
        }
        return items
    }

    private static func isDigit(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return ("0"..."9").contains(scalar) || ("０"..."９").contains(scalar)
    }

    private static func append(_ scalars: String.UnicodeScalarView, to items: inout [String]) {
        let item = String(scalars).trimmed
        if !item.isEmpty { items.append(item) }
    }

    /// Whether an item would not come back whole from a cell (it holds a separator).
    static func wouldSplit(_ item: String, slash: Bool = false) -> Bool {
        items(item, slash: slash) != [item.trimmed]
    }
}
