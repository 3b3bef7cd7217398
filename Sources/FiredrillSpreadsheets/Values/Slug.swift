import Foundation

/// Slugs as the scenario format has them: `^[a-z0-9][a-z0-9-]{0,63}$`.
enum Slug {
    static func isSlug(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...64).contains(bytes.count) else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            (97...122).contains(byte) || (48...57).contains(byte) || (index > 0 && byte == 45)
        }
    }

    /// `Incident Commander` → `incident-commander`; `nil` when no ASCII letter or digit is left.
    static func make(_ text: String) -> String? {
        var result = ""
        for character in TextFolding.ascii(text).lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                result.append(character)
            } else if !result.isEmpty, result.last != "-" {
                result.append("-")
            }
            if result.count >= 64 { break }
        }
        while result.last == "-" { result.removeLast() }
        return isSlug(result) ? result : nil
    }
}

/// Width folding for matching names and words: full-width forms as ASCII.
enum TextFolding {
    static func ascii(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping
    }
}
