/// One entry of a drill's event log, stamped with its drill time.
///
/// The log is the drill's record: reports are computed from the scenario and the log
/// alone, so a stored drill can be re-scored exactly.
public struct DrillEvent: Sendable, Hashable {
    /// Position in the log, from 0.
    public var sequence: Int
    public var time: DrillTime
    public var kind: Kind

    public init(sequence: Int, time: DrillTime, kind: Kind) {
        self.sequence = sequence
        self.time = time
        self.kind = kind
    }

    public enum Kind: Sendable, Hashable {
        case started
        case injectDelivered(inject: String)
        /// The inject's `if` guard was false at its delivery time.
        case injectSkipped(inject: String)
        case action(PlayerAction)
        /// A persona answered an escalation.
        case personaReply(persona: String, to: String, text: String)
        case paused
        case resumed
        case ended(EndReason)
        /// An answer (1–5) to the scenario's survey question at `question` (0-based), given
        /// after the drill ended.
        case surveyAnswer(question: Int, score: Int)
    }

    public enum EndReason: String, Sendable, Hashable, Codable {
        /// The drill reached its planned duration.
        case completed
        /// The trainer ended it early.
        case endedByTrainer = "ended-by-trainer"
        /// The players' input ended (end of file in the terminal).
        case inputClosed = "input-closed"
    }

    /// A short name for the event type, as written in records and reports.
    public var typeName: String {
        switch kind {
        case .started: "started"
        case .injectDelivered: "inject-delivered"
        case .injectSkipped: "inject-skipped"
        case .action: "action"
        case .personaReply: "persona-reply"
        case .paused: "paused"
        case .resumed: "resumed"
        case .ended: "ended"
        case .surveyAnswer: "survey-answer"
        }
    }
}

// The event's coded form is flat (`{"type": "action", "role": …}`) so that stored
// records stay readable and their canonical form is easy to state.
extension DrillEvent: Codable {
    enum CodingKeys: String, CodingKey {
        case sequence, time = "time_ms", type, inject, role, kind, text, target, channel, persona, to, reason
        case question, score
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sequence = try container.decode(Int.self, forKey: .sequence)
        time = DrillTime(milliseconds: try container.decode(Int64.self, forKey: .time))
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "started": kind = .started
        case "inject-delivered": kind = .injectDelivered(inject: try container.decode(String.self, forKey: .inject))
        case "inject-skipped": kind = .injectSkipped(inject: try container.decode(String.self, forKey: .inject))
        case "action":
            kind = .action(PlayerAction(
                role: try container.decode(String.self, forKey: .role),
                kind: try container.decode(ActionKind.self, forKey: .kind),
                text: try container.decode(String.self, forKey: .text),
                target: try container.decodeIfPresent(String.self, forKey: .target),
                channel: try container.decodeIfPresent(String.self, forKey: .channel)
            ))
        case "persona-reply":
            kind = .personaReply(
                persona: try container.decode(String.self, forKey: .persona),
                to: try container.decode(String.self, forKey: .to),
                text: try container.decode(String.self, forKey: .text)
            )
        case "paused": kind = .paused
        case "resumed": kind = .resumed
        case "ended": kind = .ended(try container.decode(EndReason.self, forKey: .reason))
        case "survey-answer":
            kind = .surveyAnswer(question: try container.decode(Int.self, forKey: .question), score: try container.decode(Int.self, forKey: .score))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "unknown event type '\(type)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(time.milliseconds, forKey: .time)
        try container.encode(typeName, forKey: .type)
        switch kind {
        case .started, .paused, .resumed:
            break
        case .injectDelivered(let inject), .injectSkipped(let inject):
            try container.encode(inject, forKey: .inject)
        case .action(let action):
            try container.encode(action.role, forKey: .role)
            try container.encode(action.kind, forKey: .kind)
            try container.encode(action.text, forKey: .text)
            try container.encodeIfPresent(action.target, forKey: .target)
            try container.encodeIfPresent(action.channel, forKey: .channel)
        case .personaReply(let persona, let to, let text):
            try container.encode(persona, forKey: .persona)
            try container.encode(to, forKey: .to)
            try container.encode(text, forKey: .text)
        case .ended(let reason):
            try container.encode(reason, forKey: .reason)
        case .surveyAnswer(let question, let score):
            try container.encode(question, forKey: .question)
            try container.encode(score, forKey: .score)
        }
    }
}
