/// The lines of a text, where CRLF, a lone CR and LF all end a line, numbered from 1.
///
/// Swift treats `"\r\n"` as one `Character`, so splitting a `String` on `"\n"` leaves
/// Windows files as one long line. Every text input of firedrill (scenarios, replay scripts,
/// terminal input, survey answers) is split here, so all three conventions read alike and
/// line numbers agree with what an editor shows.
public struct TextLines: Sequence, Sendable {
    public struct Line: Sendable, Hashable {
        /// 1-based line number.
        public var number: Int
        /// The line without its terminator.
        public var text: Substring
    }

    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    public func makeIterator() -> Iterator {
        Iterator(text: text)
    }

    public struct Iterator: IteratorProtocol, Sendable {
        let text: String
        var position: String.Index
        var number = 0

        init(text: String) {
            self.text = text
            position = text.utf8.startIndex
        }

        /// The next line; a terminator at the very end of the text does not start another line.
        public mutating func next() -> Line? {
            let utf8 = text.utf8
            guard position < utf8.endIndex else { return nil }
            var end = position
            while end < utf8.endIndex, utf8[end] != 10, utf8[end] != 13 { end = utf8.index(after: end) }
            let line = text[position..<end]
            if end < utf8.endIndex {
                let terminator = utf8[end]
                end = utf8.index(after: end)
                if terminator == 13, end < utf8.endIndex, utf8[end] == 10 { end = utf8.index(after: end) }
            }
            position = end
            number += 1
            return Line(number: number, text: line)
        }
    }
}

/// Splits a stream of bytes into lines as they arrive, where CRLF, CR and LF all end a line,
/// also when a CRLF is cut between two reads. Lines longer than `maximumLineBytes` are
/// delivered cut to that length, with `truncated` set, so a stream without line breaks
/// cannot grow memory without bound.
public struct LineSplitter: Sendable {
    public struct Line: Sendable, Hashable {
        public var bytes: [UInt8]
        public var truncated: Bool
    }

    public let maximumLineBytes: Int
    private var current: [UInt8] = []
    private var truncated = false
    private var afterCR = false

    public init(maximumLineBytes: Int = 64 * 1024) {
        self.maximumLineBytes = maximumLineBytes
    }

    /// Feeds bytes; returns the lines they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Line] {
        var lines: [Line] = []
        for byte in bytes {
            if afterCR {
                afterCR = false
                if byte == 10 { continue }
            }
            switch byte {
            case 10, 13:
                lines.append(Line(bytes: current, truncated: truncated))
                current.removeAll(keepingCapacity: true)
                truncated = false
                afterCR = byte == 13
            default:
                if current.count < maximumLineBytes { current.append(byte) } else { truncated = true }
            }
        }
        return lines
    }

    /// The last line, when the stream ended without a terminator.
    public mutating func finish() -> Line? {
        defer {
            current.removeAll()
            truncated = false
            afterCR = false
        }
        return current.isEmpty && !truncated ? nil : Line(bytes: current, truncated: truncated)
    }
}
