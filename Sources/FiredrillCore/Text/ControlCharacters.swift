/// Control characters in text that people write and others read.
///
/// A scenario, a script or an action could otherwise carry terminal escape sequences
/// (`ESC [2J` clears a participant's screen) or invisible characters into every place the
/// text is shown. Inputs are checked with ``firstForbidden(in:allowingNewlines:)`` and
/// refused with the position; everything shown passes through ``neutralized(_:)``, so even
/// text recorded before these checks cannot act on a terminal.
public enum ControlCharacters {
    /// A forbidden character and where it is.
    public struct Finding: Sendable, Hashable {
        /// 1-based position in Unicode scalars within the text.
        public var offset: Int
        public var scalar: Unicode.Scalar

        /// `U+001B (ESC)`.
        public var name: String { ControlCharacters.name(of: scalar) }
    }

    /// Whether `scalar` must not appear in text: C0 controls other than tab (and line
    /// breaks where allowed), DEL, C1 controls, and the bidirectional overrides and isolates
    /// that can make text display in another order than it reads.
    public static func isForbidden(_ scalar: Unicode.Scalar, allowingNewlines: Bool) -> Bool {
        switch scalar.value {
        case 0x09: false
        case 0x0A: !allowingNewlines
        case 0x00...0x1F, 0x7F, 0x80...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The first forbidden character of `text`, if any. With `allowingNewlines`, LF is
    /// allowed (CR never is: line breaks are LF once a text has been read).
    public static func firstForbidden(in text: some StringProtocol, allowingNewlines: Bool) -> Finding? {
        // Every forbidden character has a UTF-8 byte below 0x20, 0x7F, or starts with 0xC2
        // (C1 controls) or 0xE2 (the bidi controls): text without them needs no closer look.
        let suspicious = text.utf8.contains { byte in
            (byte < 0x20 && byte != 0x09 && !(allowingNewlines && byte == 0x0A)) || byte == 0x7F || byte == 0xC2 || byte == 0xE2
        }
        guard suspicious else { return nil }
        var offset = 0
        for scalar in text.unicodeScalars {
            offset += 1
            if isForbidden(scalar, allowingNewlines: allowingNewlines) { return Finding(offset: offset, scalar: scalar) }
        }
        return nil
    }

    /// `text` with every forbidden character replaced by a visible stand-in (C0 controls by
    /// their Control Pictures, `ESC` as `␛`; the others by U+FFFD). Tabs and line feeds stay.
    public static func neutralized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isForbidden($0, allowingNewlines: true) }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if !isForbidden(scalar, allowingNewlines: true) {
                scalars.append(scalar)
            } else if scalar.value < 0x20, let picture = Unicode.Scalar(0x2400 + scalar.value) {
                scalars.append(picture)
            } else if scalar.value == 0x7F {
                scalars.append("\u{2421}")
            } else {
                scalars.append("\u{FFFD}")
            }
        }
        return String(scalars)
    }

    static func name(of scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let names: [UInt32: String] = [
            0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0A: "LF", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR",
            0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI", 0x202E: "RIGHT-TO-LEFT OVERRIDE",
        ]
        return names[scalar.value].map { "\(code) (\($0))" } ?? code
    }
}
