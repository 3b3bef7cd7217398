/// An inject the trainer writes during the drill and sends at once: the CTO's unplanned
/// chat message, a second customer complaint. Delivered like a scenario inject, recorded
/// in the chain, and reproduced by replay.
public struct AdlibInject: Sendable, Hashable {
    /// `adlib-1`, `adlib-2`, … in the order sent; given by the engine.
    public var id: String
    public var to: Recipients
    public var channel: String
    public var from: String?
    public var subject: String
    public var body: String?

    public init(id: String = "", to: Recipients, channel: String, from: String? = nil, subject: String, body: String? = nil) {
        self.id = id
        // Each role once, in the order first named.
        if case .roles(let ids) = to {
            var seen: Set<String> = []
            self.to = .roles(ids.filter { seen.insert($0).inserted })
        } else {
            self.to = to
        }
        self.channel = channel
        self.from = from
        self.subject = subject
        self.body = TextField.withLineFeeds(body)
    }

    /// Problems with an ad-lib inject for `scenario`, as messages naming the field; empty
    /// when it can be sent. The same rules as a scenario inject's fields.
    public func problems(in scenario: Scenario, limits: ValidationLimits = .default) -> [String] {
        var problems: [String] = []
        switch to {
        case .all: break
        case .roles(let ids):
            if ids.isEmpty { problems.append("'to' is empty; name at least one role, or write \"all\"") }
            for id in ids where scenario.role(id) == nil {
                problems.append("'to': unknown role '\(id.prefix(40))'\(Suggestions.hint(for: id, among: scenario.roles.map(\.id)))")
            }
            if !ids.isEmpty, ids.allSatisfy({ scenario.role($0)?.isSimulated == true }) {
                problems.append("'to' names only simulated roles, so no player would see it")
            }
        }
        if !scenario.channels.contains(channel) {
            problems.append("unknown channel '\(channel.prefix(40))'\(Suggestions.hint(for: channel, among: scenario.channels)) (channels: \(scenario.channels.joined(separator: ", ")))")
        }
        problems += TextField.problems(subject, field: "subject", oneLine: true, required: true, limits: limits)
        if let from { problems += TextField.problems(from, field: "from", oneLine: true, required: true, limits: limits) }
        if let body { problems += TextField.problems(body, field: "body", oneLine: false, required: false, limits: limits) }
        return problems
    }
}

// Coded as its fields, in events and replay scripts alike (keys and decoding in Inputs+Coding.swift;
// Swift synthesizes the encoding only in the type's own file).
extension AdlibInject: Codable {}
