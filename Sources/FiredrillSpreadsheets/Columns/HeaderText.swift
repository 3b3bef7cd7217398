import Foundation

/// Header and name matching as people type them: case, spaces, `_`, `-` and full-width
/// forms do not matter (`Inject ID`, `inject_id`, `ＩＮＪＥＣＴ－ＩＤ` are the same).
enum HeaderText {
    static func normalize(_ text: String) -> String {
        // NFKC maps full-width ASCII to ASCII and half-width katakana to full width.
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        var out = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r", "_", "-", "\u{3000}", "\u{00A0}", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2212}":
                continue
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }
}
