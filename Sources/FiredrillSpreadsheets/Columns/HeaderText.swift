import Foundation

/// Header and name matching as people type them: case, spaces, `_`, `-` and full-width
/// forms do not matter (`Inject ID`, `inject_id`, `ＩＮＪＥＣＴ－ＩＤ` are the same).
enum HeaderText {
    static func normalize(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII needs no Unicode folding (most cells are ASCII, and NFKC goes through NSString).
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            for byte in text.utf8 where ![UInt8(ascii: " "), 9, 10, 13, UInt8(ascii: "_"), UInt8(ascii: "-")].contains(byte) {
                bytes.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
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
