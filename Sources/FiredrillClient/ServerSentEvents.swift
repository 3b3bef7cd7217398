import FiredrillCore
import Foundation

/// Reads a `text/event-stream` body as it arrives: lines end with LF, CRLF or CR (also when a
/// CRLF is split between two reads), a blank line ends a message, `:` starts a comment.
public struct ServerSentEvents: Sendable {
    public enum Item: Equatable, Sendable {
        case message(id: String?, event: String, data: String)
        case comment(String)
    }

    /// A message's data may be this long; a longer line is cut (and the message dropped).
    public static let maximumLineBytes = 4 << 20

    private var lines = LineSplitter(maximumLineBytes: Self.maximumLineBytes)
    private var id: String?
    private var event = ""
    private var data: [String] = []
    private var damaged = false

    public init() {}

    /// Feeds bytes; returns the messages and comments they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Item] {
        var items: [Item] = []
        for line in lines.feed(bytes) {
            if let item = take(line) { items.append(item) }
        }
        return items
    }

    private mutating func take(_ line: LineSplitter.Line) -> Item? {
        if line.truncated { damaged = true }
        let text = String(decoding: line.bytes, as: UTF8.self)
        if text.isEmpty {
            defer { (id, event, data, damaged) = (nil, "", [], false) }
            guard !data.isEmpty || id != nil, !damaged else { return nil }
            return .message(id: id, event: event.isEmpty ? "message" : event, data: data.joined(separator: "\n"))
        }
        if text.hasPrefix(":") { return .comment(String(text.dropFirst()).trimmingCharacters(in: .whitespaces)) }
        let field: Substring, value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            let rest = text[text.index(after: colon)...]
            value = rest.hasPrefix(" ") ? rest.dropFirst() : rest
        } else {
            (field, value) = (Substring(text), "")
        }
        switch field {
        case "id": id = String(value)
        case "event": event = String(value)
        case "data": data.append(String(value))
        default: break // retry, and fields this client does not use
        }
        return nil
    }
}

extension EventView {
    /// The view an event-stream message carries (its `data`), or `nil` if it is not one.
    public init?(json data: Data) {
        guard let view = try? JSONDecoder().decode(EventView.self, from: data) else { return nil }
        self = view
    }
}
