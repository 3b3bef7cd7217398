/// Something a player did: acknowledge, escalate, act, communicate, report or resolve.
public struct PlayerAction: Sendable, Hashable {
    /// The role that acted.
    public var role: String
    public var kind: ActionKind
    /// Free text; empty when none was given.
    public var text: String
    /// For escalations: the role escalated to.
    public var target: String?
    /// For escalations: the channel used (`chat` unless given).
    public var channel: String?

    public init(role: String, kind: ActionKind, text: String = "", target: String? = nil, channel: String? = nil) {
        self.role = role
        self.kind = kind
        self.text = text
        self.target = target
        self.channel = channel
    }

    /// The action as a command line, e.g. `escalate cto via phone db is down`.
    public var commandLine: String {
        var parts = [kind.command]
        if let target { parts.append(target) }
        if let channel, kind == .escalate { parts.append(contentsOf: ["via", channel]) }
        if !text.isEmpty { parts.append(text) }
        return parts.joined(separator: " ")
    }
}

/// Parses the action vocabulary shared by the terminal, replay scripts and HTTP:
///
/// | command | kind |
/// |---|---|
/// | `ack [text]` | acknowledge |
/// | `escalate <role> [via <channel>] [text]` | escalate |
/// | `do <text>` | action |
/// | `say <text>` | communicate |
/// | `report <text>` | report |
/// | `resolve [text]` | resolve |
public enum ActionCommand {
    /// The channel an escalation uses when none is named.
    public static let defaultChannel = "chat"
    /// The longest command, in characters.
    public static let maximumLength = 2_000

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Parses `command` as played by `role`, checking roles and channels against `scenario`.
    public static func parse(_ command: String, role: String, in scenario: Scenario) -> Result<PlayerAction, ParseError> {
        if let bad = ControlCharacters.firstForbidden(in: command, allowingNewlines: false) {
            return .failure(ParseError(message: "the command contains the control character \(bad.name) at character \(bad.offset); type plain text"))
        }
        guard command.count <= maximumLength else {
            return .failure(ParseError(message: "the command is \(command.count) characters long; the limit is \(maximumLength), so write a shorter summary"))
        }
        var rest = Substring(command.trimmingWhitespace)
        let word = rest.nextWord()
        guard !word.isEmpty else {
            return .failure(ParseError(message: "empty command; \(usage)"))
        }
        guard let kind = ActionKind(command: word.lowercased()) else {
            let words = ActionKind.allCases.map(\.command)
            let hint = Suggestions.closest(to: String(word), among: words + ActionKind.allCases.map(\.rawValue))
                .map { candidate in
                    " — did you mean '\(ActionKind(rawValue: candidate)?.command ?? candidate)'?"
                } ?? ""
            return .failure(ParseError(message: "unknown command '\(word.prefix(40))'\(hint); \(usage)"))
        }
        var action = PlayerAction(role: role, kind: kind)
        switch kind {
        case .escalate:
            let target = String(rest.nextWord())
            guard !target.isEmpty else {
                return .failure(ParseError(message: "escalate needs a role: escalate <role> [via <channel>] [text]"))
            }
            guard scenario.role(target) != nil else {
                let hint = Suggestions.hint(for: target, among: scenario.roles.map(\.id))
                return .failure(ParseError(message: "unknown role '\(target.prefix(40))'\(hint) (roles: \(scenario.roles.map(\.id).joined(separator: ", ")))"))
            }
            guard target != role else {
                return .failure(ParseError(message: "'\(role)' cannot escalate to itself"))
            }
            var channel = defaultChannel
            var lookahead = rest
            if lookahead.nextWord() == "via" {
                let named = String(lookahead.nextWord())
                guard !named.isEmpty else {
                    return .failure(ParseError(message: "'via' needs a channel, e.g. escalate \(target) via phone"))
                }
                channel = named
                rest = lookahead
            }
            guard scenario.channels.contains(channel) else {
                let hint = Suggestions.hint(for: channel, among: scenario.channels)
                return .failure(ParseError(message: "unknown channel '\(channel.prefix(40))'\(hint) (channels: \(scenario.channels.joined(separator: ", ")))"))
            }
            action.target = target
            action.channel = channel
        case .action, .communicate, .report:
            guard !rest.trimmingWhitespace.isEmpty else {
                return .failure(ParseError(message: "'\(kind.command)' needs text, e.g. \(kind.command) \(example(for: kind))"))
            }
        case .acknowledge, .resolve:
            break
        }
        action.text = rest.trimmingWhitespace
        return .success(action)
    }

    public static let usage = "commands: ack [text], escalate <role> [via <channel>] [text], do <text>, say <text>, report <text>, resolve [text]"

    static func example(for kind: ActionKind) -> String {
        switch kind {
        case .action: "restart the payment service"
        case .communicate: "status page updated, next update in 30 minutes"
        case .report: "incident report filed as INC-1234"
        default: ""
        }
    }
}

extension Substring {
    /// Removes and returns the next whitespace-delimited word.
    mutating func nextWord() -> Substring {
        while let first, first.isWhitespace { removeFirst() }
        let end = firstIndex(where: \.isWhitespace) ?? endIndex
        let word = self[startIndex..<end]
        self = self[end...]
        return word
    }

    var trimmingWhitespace: String { String(self).trimmingWhitespace }
}
