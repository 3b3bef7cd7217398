import Foundation
import FiredrillCore

/// Channels named as people name them: `e-mail` and `メール` are `email`.
enum ChannelNames {
    /// The contract's names of the default channels, beside their ids.
    static let known: [(id: String, names: Names)] = [
        ("chat", Names(["chat"], ["チャット"])),
        ("email", Names(["email", "e-mail"], ["メール"])),
        ("phone", Names(["phone"], ["電話"])),
        ("in-person", Names(["in-person"], ["対面"])),
        ("pager", Names(["pager"], ["ポケベル", "ページャー"])),
        ("ticket", Names(["ticket"], ["チケット"])),
        ("monitoring", Names(["monitoring"], ["監視", "アラート"])),
        ("news", Names(["news"], ["ニュース", "報道"])),
        ("social", Names(["social", "SNS"], ["SNS"])),
        ("web", Names(["web", "Web"], ["ウェブ"])),
    ]

    private static let byName: [String: String] = {
        var map: [String: String] = [:]
        for (id, names) in known {
            map[HeaderText.normalize(id)] = id
            for name in names.all where map[HeaderText.normalize(name)] == nil { map[HeaderText.normalize(name)] = id }
        }
        return map
    }()

    /// The names as written, for the cells that write them so (most do).
    private static let exactName: [String: String] = {
        var map: [String: String] = [:]
        for (id, names) in known {
            for name in names.all where map[name] == nil { map[name] = id }
        }
        return map
    }()

    /// The channel id `text` names: one of `channels` (the scenario's) by id, or a default
    /// channel by id or name; `nil` when it names none.
    static func id(for text: String, channels: [String]) -> String? {
        let trimmed = text.trimmed
        if channels.contains(trimmed) { return trimmed }
        if let id = exactName[trimmed] { return id }
        let normalized = HeaderText.normalize(trimmed)
        if let id = channels.first(where: { HeaderText.normalize($0) == normalized }) { return id }
        return byName[normalized]
    }

    /// How a sheet in `language` writes a channel: its first Japanese name, or its id.
    static func name(of id: String, in language: Language) -> String {
        guard language == .japanese, let names = known.first(where: { $0.id == id })?.names else { return id }
        return names.japanese.first ?? id
    }

    /// `unknown channel "emial"; did you mean "email"?`, with the channels there are.
    static func unknownMessage(_ text: String, channels: [String]) -> SpreadsheetMessage {
        var candidates = channels
        for (id, names) in known where channels.contains(id) { candidates += names.all }
        if let candidate = Suggestions.closest(to: text, among: candidates) {
            return SpreadsheetMessage(.unknownChannelHint, ["name": "\(text.prefix(60))", "id": "\(id(for: candidate, channels: channels) ?? candidate)"])
        }
        return SpreadsheetMessage(.unknownChannelList, ["name": "\(text.prefix(60))", "channels": .list(channels)])
    }
}
