import Foundation

/// Text as Office Open XML stores it in cells: characters XML cannot hold are written
/// `_xHHHH_` (`_x000D_` for a carriage return), and a literal `_x` that would read as such an
/// escape has its underscore written `_x005F_`.
enum OOXMLText {
    /// The text a cell shows: escapes decoded, CRLF and lone CR as line feeds.
    static func decode(_ stored: String) -> String {
        var text = stored
        if mayHaveEscape(text) { text = unescape(text) }
        return text.unicodeScalars.contains("\r") ? newlines(text) : text
    }

    /// CRLF and lone CR as line feeds, as scenario text has them.
    static func newlines(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// Whether `_x` occurs: a byte search (Foundation's `contains` is slow on Linux).
    static func mayHaveEscape(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(ascii: "_"), byte == UInt8(ascii: "x") { return true }
            previous = byte
        }
        return false
    }

    static func unescape(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_",
               let value = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 6)])), radix: 16),
               let scalar = Unicode.Scalar(value) {
                out.append(scalar)
                index += 7
            } else {
                out.append(scalars[index])
                index += 1
            }
        }
        return String(out)
    }

    /// Text ready for a cell: control characters other than tab and line feed escaped, and
    /// the underscore of a literal `_xHHHH_` escaped so that it reads back unchanged.
    static func encode(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "_" || ($0.value < 0x20 && $0 != "\t" && $0 != "\n") || $0.value == 0xFFFE || $0.value == 0xFFFF }) else {
            return text
        }
        let scalars = Array(text.unicodeScalars)
        var out = ""
        for (index, scalar) in scalars.enumerated() {
            if scalar == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_",
               UInt32(String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 6)])), radix: 16) != nil {
                out += "_x005F_"
            } else if (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
