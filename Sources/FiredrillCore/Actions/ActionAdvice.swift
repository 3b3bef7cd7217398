/// What an action may have been meant as, to ask the player before it is recorded.
///
/// People name actions as they would at work: 「石川部長に電話で報告しました」 pressed as a
/// *report* is, in the drill's terms, an *escalation* to that role (a report is the incident
/// report). When a report names another role, the page, the terminal and `join` ask back
/// ("did you mean to escalate to 経理部長?") and the player chooses; nothing is changed
/// without them.
public struct ActionSuggestion: Sendable, Hashable, Codable {
    /// What to send instead.
    public var kind: ActionKind
    public var target: String?
    public var channel: String?
    /// The role's name, as players know it.
    public var targetName: String?

    public init(kind: ActionKind, target: String? = nil, channel: String? = nil, targetName: String? = nil) {
        self.kind = kind
        self.target = target
        self.channel = channel
        self.targetName = targetName
    }

    enum CodingKeys: String, CodingKey {
        case kind, target, channel, targetName = "target_name"
    }

    /// The suggested action, with the text of `action`.
    public func applied(to action: PlayerAction) -> PlayerAction {
        PlayerAction(role: action.role, kind: kind, text: action.text, target: target, channel: channel, inReplyTo: action.inReplyTo)
    }
}

public enum ActionAdvice {
    /// A suggestion for `action`, or `nil` when it looks meant as it is.
    public static func suggestion(for action: PlayerAction, in scenario: Scenario) -> ActionSuggestion? {
        guard action.kind == .report else { return nil }
        let text = TextMatching.normalize(action.text)
        guard !text.isEmpty,
              let role = scenario.roles.first(where: { $0.id != action.role && names($0).contains { text.contains($0) } })
        else { return nil }
        return ActionSuggestion(kind: .escalate, target: role.id, channel: channel(in: text, for: role, scenario: scenario), targetName: role.name)
    }

    /// The ways a role is written: its name, the parts of its name between brackets,
    /// spaces and punctuation (「上長（山本部長）」 is also 上長 and 山本部長), and its id with
    /// spaces for dashes; short parts are left out so that common words do not match.
    static func names(_ role: Role) -> [String] {
        let name = TextMatching.normalize(role.name)
        let separators: Set<Character> = [" ", "(", ")", "（", "）", "「", "」", "、", ",", "・", "/", "／", "[", "]", "【", "】"]
        var parts = [name, role.id.replacingAll("-", with: " ")]
        parts += name.split(whereSeparator: { separators.contains($0) }).map(String.init)
        return parts.filter { part in
            let wide = part.unicodeScalars.contains { $0.value >= 0x3000 }
            return part.count >= (wide ? 2 : 4)
        }
    }

    /// The channel the text names (電話, phone, メール, …) when the role accepts it; else the
    /// first channel a simulated role accepts, else chat.
    static func channel(in text: String, for role: Role, scenario: Scenario) -> String {
        let words: [(String, [String])] = [
            ("phone", ["電話", "phone", "call", "tel"]),
            ("in-person", ["対面", "直接", "会議室", "in person", "in-person", "face to face"]),
            ("email", ["メール", "e-mail", "email", "mail"]),
            ("chat", ["チャット", "chat", "slack", "teams"]),
            ("pager", ["ポケベル", "pager", "page"]),
        ]
        let accepted = { (channel: String) in scenario.channels.contains(channel) && (role.persona?.accepts(channel: channel) ?? true) }
        for (channel, keywords) in words where accepted(channel) && keywords.contains(where: { text.contains($0) }) {
            return channel
        }
        if let first = role.persona?.channels?.first(where: { scenario.channels.contains($0) }) { return first }
        return scenario.channels.contains(ActionCommand.defaultChannel) ? ActionCommand.defaultChannel : scenario.channels.first ?? ActionCommand.defaultChannel
    }
}
