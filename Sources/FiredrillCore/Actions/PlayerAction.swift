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
    /// The inject (scenario or ad-lib, by id) this action answers, when the player said so
    /// (the pages' reply button): shown beside the action in the record and the report.
    public var inReplyTo: String?

    public init(role: String, kind: ActionKind, text: String = "", target: String? = nil, channel: String? = nil, inReplyTo: String? = nil) {
        self.role = role
        self.kind = kind
        self.text = text
        self.target = target
        self.channel = channel
        self.inReplyTo = inReplyTo
    }

    /// The longest text of an action, in characters: a few paragraphs, as a chat message.
    public static let maximumTextLength = 2_000

    /// Problems with the action in `scenario`, as messages naming the field; empty when it can
    /// be performed. The one set of rules for actions, however they arrive: typed as a command,
    /// sent as structure, or read from a script.
    public func problems(in scenario: Scenario) -> [String] {
        var problems: [String] = []
        guard let played = scenario.role(role) else {
            return ["unknown role '\(role.prefix(40))'\(Suggestions.hint(for: role, among: scenario.playerRoles.map(\.id))) (roles: \(scenario.playerRoles.map(\.id).joined(separator: ", ")))"]
        }
        if played.isSimulated { problems.append("role '\(role)' is simulated by a persona and cannot act") }
        if kind == .escalate {
            if let target {
                if scenario.role(target) == nil {
                    problems.append("unknown role '\(target.prefix(40))' to escalate to\(Suggestions.hint(for: target, among: scenario.roles.map(\.id))) (roles: \(scenario.roles.map(\.id).joined(separator: ", ")))")
                } else if target == role {
                    problems.append("'\(role)' cannot escalate to itself")
                }
            } else {
                problems.append("an escalation needs the role it goes to ('target')")
            }
            if let channel, !scenario.channels.contains(channel) {
                problems.append("unknown channel '\(channel.prefix(40))'\(Suggestions.hint(for: channel, among: scenario.channels)) (channels: \(scenario.channels.joined(separator: ", ")))")
            }
        } else {
            if target != nil { problems.append("only an escalation goes to a role ('target')") }
            if channel != nil { problems.append("only an escalation names a channel") }
        }
        if [.action, .communicate, .report].contains(kind), text.allSatisfy(\.isWhitespace) {
            problems.append("'\(kind.command)' needs text, e.g. \(kind.command) \(ActionCommand.example(for: kind))")
        }
        if text.count > Self.maximumTextLength {
            problems.append("the text is \(text.count) characters long; the limit is \(Self.maximumTextLength), so write a shorter summary")
        }
        if let bad = ControlCharacters.firstForbidden(in: text, allowingNewlines: true) {
            problems.append("the text contains the control character \(bad.name) at character \(bad.offset); type plain text")
        }
        return problems
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

extension PlayerAction {
    /// An action sent as structure rather than typed as a command (a page's form, a script's
    /// `!action`): its text with LF line breaks; an escalation goes over the default channel
    /// unless it names one, as a typed `escalate` does.
    public static func structured(_ sent: PlayerAction) -> PlayerAction {
        var action = sent
        action.text = TextField.withLineFeeds(action.text)
        if action.kind == .escalate, action.channel == nil { action.channel = ActionCommand.defaultChannel }
        return action
    }
}

// Coded as its fields, in events and replay scripts alike (keys and decoding in Inputs+Coding.swift;
// Swift synthesizes the encoding only in the type's own file).
extension PlayerAction: Codable {}

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
        /// A stable name for programs: `command_too_long`, else `unparseable_command`.
        public var code = "unparseable_command"
        public var description: String { message }
    }

    /// Parses `command` as played by `role`, checking roles and channels against `scenario`.
    public static func parse(_ command: String, role: String, in scenario: Scenario) -> Result<PlayerAction, ParseError> {
        parse(command, role: role, in: scenario, roles: RoleDirectory(scenario))
    }

    /// Parses with a ``RoleDirectory`` built once for the scenario (scripts parse many lines).
    public static func parse(_ command: String, role: String, in scenario: Scenario, roles directory: RoleDirectory) -> Result<PlayerAction, ParseError> {
        if let bad = ControlCharacters.firstForbidden(in: command, allowingNewlines: false) {
            return .failure(ParseError(message: "the command contains the control character \(bad.name) at character \(bad.offset); type plain text"))
        }
        // Counting characters is slow; a command of fewer bytes than the limit is within it.
        guard command.utf8.count <= maximumLength || command.count <= maximumLength else {
            return .failure(ParseError(message: "the command is \(command.count) characters long; the limit is \(maximumLength), so write a shorter summary", code: "command_too_long"))
        }
        // Words are recognised in their half-width form (`ｅｓｃａｌａｔｅ` is `escalate`), but the
        // text is kept as typed: the record holds what people wrote, full-width `：（）？` included.
        // Width normalisation maps scalar to scalar, so the end of one is the end of the other.
        let typed = Substring(command).trimmingWhitespace
        let normalized = TextMatching.normalizeWidth(typed)
        var rest = Substring(normalized)
        let word = rest.nextWord()
        guard !word.isEmpty else {
            return .failure(ParseError(message: "empty command; \(usage)"))
        }
        guard let kind = commandWords[word.lowercased()] else {
            let hint = Suggestions.closest(to: String(word), among: commandWords.keys.sorted())
                .map { candidate in " — did you mean '\(commandWords[candidate]?.command ?? candidate)'?" } ?? ""
            return .failure(ParseError(message: "unknown command '\(word.prefix(40))'\(hint); \(usage)"))
        }
        var action = PlayerAction(role: role, kind: kind)
        switch kind {
        case .escalate:
            switch parseEscalation(&rest, role: role, in: scenario, roles: directory) {
            case .success(let (target, channel)):
                action.target = target
                action.channel = channel
            case .failure(let error):
                return .failure(error)
            }
        case .action, .communicate, .report:
            guard !rest.trimmingWhitespace.isEmpty else {
                return .failure(ParseError(message: "'\(kind.command)' needs text, e.g. \(kind.command) \(example(for: kind))"))
            }
        case .acknowledge, .resolve:
            break
        }
        // What is left of the command is its end, in both forms: take as many scalars from the end as typed.
        let length = rest.unicodeScalars.count
        action.text = Substring(typed.unicodeScalars.suffix(length)).trimmingWhitespace
        let problems = action.problems(in: scenario)
        guard problems.isEmpty else { return .failure(ParseError(message: problems.joined(separator: "; "))) }
        return .success(action)
    }

    /// The command words, with the kinds' own names as synonyms (`acknowledge`, `action`, `communicate`).
    static let commandWords: [String: ActionKind] = {
        var words: [String: ActionKind] = [:]
        for kind in ActionKind.allCases {
            words[kind.command] = kind
            words[kind.rawValue] = kind
        }
        words["act"] = .action
        return words
    }()

    /// Reads `<role> [via <channel>]` after `escalate`, leaving the text in `rest`.
    ///
    /// The role may be written as its id in any case (`Firmware-Lead`), with spaces for
    /// dashes (`firmware lead`) or as its name (`Priya Nair, firmware team lead`), and may be
    /// preceded by `to`; the longest match wins, and a match shared by two roles is refused.
    /// A word after the role that looks like a misspelt `via` followed by a channel is asked
    /// about rather than taken as the message.
    static func parseEscalation(_ rest: inout Substring, role: String, in scenario: Scenario, roles directory: RoleDirectory) -> Result<(String, String), ParseError> {
        var words: [Substring] = []
        var probe = rest
        for _ in 0..<8 {
            let word = probe.nextWord()
            if word.isEmpty { break }
            words.append(word)
        }
        guard !words.isEmpty else {
            return .failure(ParseError(message: "escalate needs a role: escalate <role> [via <channel>] [text]"))
        }
        var skip = 0
        if words[0].lowercased() == "to", scenario.role("to") == nil, words.count > 1 { skip = 1 }
        var match: (target: String, length: Int)? = nil
        for length in stride(from: words.count - skip, through: 1, by: -1) {
            let phrase = words[skip..<(skip + length)].joined(separator: " ")
            let candidates = directory.roles(matching: phrase)
            if candidates.count > 1 {
                return .failure(ParseError(message: "'\(phrase.prefix(60))' could mean \(candidates.map { "'\($0)'" }.joined(separator: " or ")); write the role id"))
            }
            if let target = candidates.first {
                match = (target, length)
                break
            }
        }
        guard let (target, length) = match else {
            let typed = String(words[skip])
            let hint = Suggestions.hint(for: typed, among: scenario.roles.map(\.id))
            return .failure(ParseError(message: "unknown role '\(typed.prefix(40))'\(hint) (roles: \(scenario.roles.map(\.id).joined(separator: ", ")))"))
        }
        guard target != role else {
            return .failure(ParseError(message: "'\(role)' cannot escalate to itself"))
        }
        for _ in 0..<(skip + length) { _ = rest.nextWord() }

        var channel = defaultChannel
        var lookahead = rest
        let next = lookahead.nextWord()
        if next.lowercased() == "via" {
            // "via phone: the door…", "via phone：至急" — a colon or comma ends the channel's name.
            let word = lookahead.nextWord()
            var named = String(word)
            if let separator = word.firstIndex(where: { [":", ",", "：", "、"].contains($0) }) {
                named = String(word[..<separator])
                let remainder = word[word.index(after: separator)...].drop { [":", ",", "：", "、"].contains($0) }
                if !remainder.isEmpty {
                    lookahead = Substring(String(remainder) + lookahead)
                }
            }
            guard !named.isEmpty else {
                return .failure(ParseError(message: "'via' needs a channel, e.g. escalate \(target) via phone"))
            }
            guard let found = scenario.channels.first(where: { $0 == named.lowercased() }) else {
                let hint = Suggestions.hint(for: named, among: scenario.channels)
                return .failure(ParseError(message: "unknown channel '\(named.prefix(40))'\(hint) (channels: \(scenario.channels.joined(separator: ", ")))"))
            }
            channel = found
            rest = lookahead
        } else if looksLikeVia(next) {
            var after = lookahead
            let named = after.nextWord().lowercased()
            if let channel = scenario.channels.first(where: { $0 == named }) ?? Suggestions.closest(to: named, among: scenario.channels) {
                return .failure(ParseError(message: "did you mean 'via \(channel)'? Nothing was sent; type: escalate \(target) via \(channel)\(after.isEmpty ? "" : " …")"))
            }
        }
        return .success((target, channel))
    }

    /// `vai`, `vis`, `bia`, `va`: one edit away from `via`, and not a word of its own.
    static func looksLikeVia(_ word: Substring) -> Bool {
        let lower = word.lowercased()
        guard (2...4).contains(lower.count), lower != "via" else { return false }
        return Suggestions.editDistance(Array(lower), Array("via")) == 1
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

/// The roles of a scenario by the ways people write them: the id in any case, the id with
/// spaces for dashes, and the name (case, width and spacing aside).
public struct RoleDirectory: Sendable {
    private var phrases: [String: [String]] = [:]

    public init(_ scenario: Scenario) {
        for role in scenario.roles {
            let name = TextMatching.normalize(role.name).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for phrase in Set([role.id, role.id.replacingAll("-", with: " "), name]) {
                phrases[phrase, default: []].append(role.id)
            }
        }
    }

    /// The roles `phrase` names (more than one when it is ambiguous), in any case or width.
    public func roles(matching phrase: String) -> [String] {
        phrases[TextMatching.normalize(phrase)] ?? []
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}

extension Substring {
    /// Removes and returns the next whitespace-delimited word.
    mutating func nextWord() -> Substring {
        // Scans UTF-8 bytes: ASCII space, tab and line breaks directly; any other byte above
        // 0x7F starts a character that is checked as a whole (e.g. the ideographic space).
        let utf8 = self.utf8
        var start = utf8.startIndex
        while start < utf8.endIndex, Self.isSpace(at: start, in: self) { start = index(after: start) }
        var end = start
        while end < utf8.endIndex, !Self.isSpace(at: end, in: self) {
            end = utf8[end] < 0x80 ? utf8.index(after: end) : index(after: end)
        }
        let word = self[start..<end]
        self = self[end...]
        return word
    }

    private static func isSpace(at position: Index, in text: Substring) -> Bool {
        let byte = text.utf8[position]
        if byte < 0x80 { return byte == 32 || (9...13).contains(byte) }
        return text[position].isWhitespace
    }

    /// Without leading and trailing whitespace, scalar by scalar (ASCII by its value, the
    /// rest, such as the ideographic space, by its Unicode property). Scalars, not
    /// characters: a space followed by a combining mark is one character, and stepping by
    /// characters from one end and by bytes from the other could cross over.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, Self.isTrimmedSpace(scalars[start]) { start = scalars.index(after: start) }
        while start < end {
            let before = scalars.index(before: end)
            guard Self.isTrimmedSpace(scalars[before]) else { break }
            end = before
        }
        return String(scalars[start..<end])
    }

    private static func isTrimmedSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar.value == 32 || (9...13).contains(scalar.value) : scalar.properties.isWhitespace
    }
}
