/// A point or span on the drill clock, in milliseconds.
///
/// Drill time starts at zero when a drill starts and does not advance while the drill
/// is paused. Scenario durations are whole seconds; live drills record milliseconds so
/// that a drill can be re-scored exactly from its record.
public struct DrillTime: Hashable, Comparable, Sendable, Codable {
    public var milliseconds: Int64

    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    public static func seconds(_ seconds: Int64) -> DrillTime {
        DrillTime(milliseconds: seconds * 1000)
    }

    public static let zero = DrillTime(milliseconds: 0)

    /// The time in seconds, exact for whole seconds.
    public var seconds: Double { Double(milliseconds) / 1000 }

    /// The drill time of a number of seconds, to the nearest millisecond; `nil` when the
    /// number is not finite or lies beyond what a drill can last (a damaged record).
    public init?(seconds: Double) {
        guard seconds.isFinite, abs(seconds) <= Double(DrillTime.maximumSeconds) * 100 else { return nil }
        self.init(milliseconds: Int64((seconds * 1000).rounded()))
    }

    public static func < (lhs: DrillTime, rhs: DrillTime) -> Bool { lhs.milliseconds < rhs.milliseconds }
    public static func + (lhs: DrillTime, rhs: DrillTime) -> DrillTime {
        DrillTime(milliseconds: lhs.milliseconds &+ rhs.milliseconds)
    }
    public static func - (lhs: DrillTime, rhs: DrillTime) -> DrillTime {
        DrillTime(milliseconds: lhs.milliseconds &- rhs.milliseconds)
    }

    public init(from decoder: any Decoder) throws {
        milliseconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(milliseconds)
    }
}

extension DrillTime: CustomStringConvertible {
    /// `m:ss`, or `h:mm:ss` from one hour on; milliseconds are shown only when present.
    public var description: String {
        let negative = milliseconds < 0
        let total = negative ? -milliseconds : milliseconds
        let ms = total % 1000
        let s = total / 1000
        let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60)
        var text = h > 0 ? "\(h):\(pad(m)):\(pad(sec))" : "\(m):\(pad(sec))"
        if ms != 0 { text += "." + String(String(ms + 1000).dropFirst()) }
        return negative ? "-" + text : text
    }

    /// `m:ss` or `h:mm:ss` without milliseconds (cut, not rounded), as people read a clock.
    public var wholeSecondsDescription: String {
        DrillTime(milliseconds: milliseconds / 1000 * 1000).description
    }

    private func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension DrillTime {
    /// Parses a contract duration: `90s`, `5m`, `1h`, `1h30m`, `2m30s` or a bare number of seconds,
    /// or the same in Japanese as people type it (`20分`, `1時間30分`, `90秒`, `1時間半`, `1分半`,
    /// full-width digits and spaces between the parts too). Units appear at most once each, in
    /// the order h, m, s.
    public init?(durationText text: String) {
        guard let trimmed = text.utf8.allSatisfy({ $0 < 0x80 }) ? text : Self.japaneseDuration(text) else { return nil }
        guard !trimmed.isEmpty, trimmed.utf8.count <= 32 else { return nil }
        if trimmed.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            guard let value = Int64(trimmed), value <= DrillTime.maximumSeconds else { return nil }
            self = .seconds(value)
            return
        }
        var total: Int64 = 0
        var number: Int64? = nil
        var lastUnitRank = -1
        for byte in trimmed.utf8 {
            switch byte {
            case 48...57:
                let digit = Int64(byte - 48)
                let next = (number ?? 0) * 10 + digit
                guard next <= DrillTime.maximumSeconds else { return nil }
                number = next
            case UInt8(ascii: "h"), UInt8(ascii: "m"), UInt8(ascii: "s"):
                guard let value = number else { return nil }
                let (rank, factor): (Int, Int64) = switch byte {
                case UInt8(ascii: "h"): (0, 3600)
                case UInt8(ascii: "m"): (1, 60)
                default: (2, 1)
                }
                guard rank > lastUnitRank else { return nil }
                lastUnitRank = rank
                total += value * factor
                guard total <= DrillTime.maximumSeconds else { return nil }
                number = nil
            default:
                return nil
            }
        }
        guard number == nil else { return nil }
        self = .seconds(total)
    }

    /// A Japanese duration written the contract's way (`1時間30分` → `1h30m`, `1分半` → `1m30s`);
    /// `nil` when the text holds anything else.
    static func japaneseDuration(_ text: String) -> String? {
        guard text.utf8.count <= 96 else { return nil }
        let width = TextMatching.normalizeWidth(text)
        var ascii = ""
        var rest = Substring(width)
        while let character = rest.first {
            if character.isASCII, character.isNumber || "hms".contains(character) {
                ascii.append(character)
                rest = rest.dropFirst()
            } else if character == " " {
                // Spaces between parts (`1時間 30分`), never inside a number.
                guard let last = ascii.last, !last.isNumber else { return nil }
                rest = rest.dropFirst()
            } else if rest.hasPrefix("時間半") {
                ascii += "h30m"
                rest = rest.dropFirst(3)
            } else if rest.hasPrefix("分半") {
                ascii += "m30s"
                rest = rest.dropFirst(2)
            } else if let unit = ["時間": "h", "分": "m", "秒": "s"].first(where: { rest.hasPrefix($0.key) }) {
                ascii += unit.value
                rest = rest.dropFirst(unit.key.count)
            } else {
                return nil
            }
        }
        return ascii
    }

    /// Parses a replay-script time: `mm:ss`, `h:mm:ss`, or a duration (`90s`, `5m`). The
    /// clock forms may end in milliseconds (`12:34.567`), as recorded live drills are.
    public init?(clockText text: String) {
        if let fast = Self.clock(text.utf8) {
            self = fast
            return
        }
        if let duration = DrillTime(durationText: text) {
            self = duration
            return
        }
        if let dot = text.lastIndex(of: "."), text.contains(":") {
            let fraction = text[text.index(after: dot)...]
            guard (1...3).contains(fraction.count), fraction.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                  let whole = DrillTime(clockText: String(text[..<dot])), let digits = Int64(fraction)
            else { return nil }
            let scale: Int64 = fraction.count == 1 ? 100 : fraction.count == 2 ? 10 : 1
            self = DrillTime(milliseconds: whole.milliseconds + digits * scale)
            return
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 9 && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } })
        else { return nil }
        let numbers = parts.compactMap { Int64($0) }
        guard numbers.count == parts.count else { return nil }
        let seconds: Int64
        if numbers.count == 2 {
            guard numbers[1] < 60 else { return nil }
            seconds = numbers[0] * 60 + numbers[1]
        } else {
            guard numbers[1] < 60, numbers[2] < 60, parts[1].count == 2 else { return nil }
            seconds = numbers[0] * 3600 + numbers[1] * 60 + numbers[2]
        }
        guard seconds <= DrillTime.maximumSeconds else { return nil }
        self = .seconds(seconds)
    }

    /// `m:ss`, `mm:ss` or `h:mm:ss`, optionally `.f` to `.fff`, read byte by byte (scripts
    /// have one per line); `nil` for anything else, which the general parser then reads.
    static func clock(_ bytes: String.UTF8View) -> DrillTime? {
        var fields: [Int64] = []
        var fieldDigits: [Int] = []
        var digits = 0
        var value: Int64 = 0
        var fraction: Int64? = nil
        var fractionDigits = 0
        for byte in bytes {
            switch byte {
            case 48...57:
                if fraction != nil {
                    guard fractionDigits < 3 else { return nil }
                    fraction = fraction! * 10 + Int64(byte - 48)
                    fractionDigits += 1
                } else {
                    guard digits < 9 else { return nil }
                    value = value * 10 + Int64(byte - 48)
                    digits += 1
                }
            case UInt8(ascii: ":"):
                guard digits > 0, fraction == nil, fields.count < 2 else { return nil }
                fields.append(value)
                fieldDigits.append(digits)
                value = 0
                digits = 0
            case UInt8(ascii: "."):
                guard digits > 0, fraction == nil, !fields.isEmpty else { return nil }
                fraction = 0
            default:
                return nil
            }
        }
        guard digits > 0, !fields.isEmpty, fraction == nil || fractionDigits > 0 else { return nil }
        fields.append(value)
        let seconds: Int64
        if fields.count == 2 {
            guard fields[1] < 60 else { return nil }
            seconds = fields[0] * 60 + fields[1]
        } else {
            guard fields[1] < 60, fields[2] < 60, fieldDigits[1] == 2 else { return nil }
            seconds = fields[0] * 3600 + fields[1] * 60 + fields[2]
        }
        guard seconds <= maximumSeconds else { return nil }
        let scale: Int64 = fractionDigits == 1 ? 100 : fractionDigits == 2 ? 10 : 1
        return DrillTime(milliseconds: seconds * 1000 + (fraction ?? 0) * scale)
    }

    /// The longest duration the format accepts: 30 days. Longer values are rejected rather
    /// than allowed to overflow arithmetic.
    public static let maximumSeconds: Int64 = 30 * 24 * 3600
}
