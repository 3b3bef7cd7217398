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
        /// An inject the trainer wrote during the drill, delivered at once.
        case adlibInject(AdlibInject)
        case action(PlayerAction)
        /// A persona answered an escalation.
        case personaReply(persona: String, to: String, text: String)
        /// An evaluator's observation; it never changes the score.
        case observation(Observation)
        case paused
        /// The drill was cut off (its process died or was stopped) and its clock stopped
        /// here; recorded when the drill is taken up again. Like a pause, it ends with `resumed`.
        case interrupted
        case resumed
        case ended(EndReason)
        /// A participant's answer to a survey question, given after the drill ended.
        case surveyAnswer(SurveyAnswer)
        /// A participant's answer to a quiz question, given after the drill ended.
        case quizAnswer(QuizAnswer)
        /// An evaluator's decision on whether an action met an objective.
        case adjudication(Adjudication)
        /// The trainer changed how fast the drill clock runs (drill time per real time).
        case speedChanged(Double)
        /// The trainer skipped a quiet stretch: the drill clock went from `from` to this
        /// event's time, where the next inject was due.
        case clockAdvanced(from: DrillTime)
    }

    public enum EndReason: String, Sendable, Hashable, Codable, CaseIterable {
        /// The drill reached its planned duration.
        case completed
        /// The trainer ended it early.
        case endedByTrainer = "ended-by-trainer"
        /// The players' input ended (end of file in the terminal).
        case inputClosed = "input-closed"
    }

    /// A short name for the event type, as written in records and reports.
    public var typeName: String { kind.typeName }
}

extension DrillEvent.Kind {
    public var typeName: String {
        switch self {
        case .started: "started"
        case .injectDelivered, .adlibInject: "inject-delivered"
        case .injectSkipped: "inject-skipped"
        case .action: "action"
        case .personaReply: "persona-reply"
        case .observation: "observation"
        case .paused: "paused"
        case .interrupted: "interrupted"
        case .resumed: "resumed"
        case .ended: "ended"
        case .surveyAnswer: "survey-answer"
        case .quizAnswer: "quiz-answer"
        case .adjudication: "adjudication"
        case .speedChanged: "speed-changed"
        case .clockAdvanced: "clock-advanced"
        }
    }

    /// Whether people put this event into the drill (an input), rather than the engine
    /// deriving it from the scenario and the inputs.
    public var isInput: Bool {
        switch self {
        case .started, .injectDelivered, .injectSkipped, .personaReply: false
        case .ended(let reason): reason != .completed
        default: true
        }
    }
}

// The event's coded form is flat (`{"type": "action", "role": …}`) so that stored
// records stay readable and their canonical form is easy to state: after `sequence`,
// `time_ms` and `type`, the fields of its input in their own coded form (``PlayerAction``,
// ``Observation``, …, the same as a replay script's), or its few own fields. Keys that a
// kind does not use are left out; an ad-lib inject is an `inject-delivered` with `adlib: true`.
extension DrillEvent: Codable {
    enum CodingKeys: String, CodingKey {
        case sequence, time = "time_ms", type, inject, adlib, persona, to, text, reason, speed, fromTime = "from_ms"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sequence = try container.decode(Int.self, forKey: .sequence)
        time = DrillTime(milliseconds: try container.decode(Int64.self, forKey: .time))
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "started": kind = .started
        case "inject-delivered":
            if try container.decodeIfPresent(Bool.self, forKey: .adlib) == true {
                var inject = try AdlibInject(from: decoder)
                inject.id = try container.decode(String.self, forKey: .inject)
                kind = .adlibInject(inject)
            } else {
                kind = .injectDelivered(inject: try container.decode(String.self, forKey: .inject))
            }
        case "inject-skipped": kind = .injectSkipped(inject: try container.decode(String.self, forKey: .inject))
        case "action": kind = .action(try PlayerAction(from: decoder))
        case "persona-reply":
            kind = .personaReply(
                persona: try container.decode(String.self, forKey: .persona),
                to: try container.decode(String.self, forKey: .to),
                text: try container.decode(String.self, forKey: .text)
            )
        case "observation": kind = .observation(try Observation(from: decoder))
        case "paused": kind = .paused
        case "interrupted": kind = .interrupted
        case "resumed": kind = .resumed
        case "ended": kind = .ended(try container.decode(EndReason.self, forKey: .reason))
        case "survey-answer": kind = .surveyAnswer(try SurveyAnswer(from: decoder))
        case "quiz-answer": kind = .quizAnswer(try QuizAnswer(from: decoder))
        case "adjudication": kind = .adjudication(try Adjudication(from: decoder))
        case "speed-changed": kind = .speedChanged(try container.decode(Double.self, forKey: .speed))
        case "clock-advanced": kind = .clockAdvanced(from: DrillTime(milliseconds: try container.decode(Int64.self, forKey: .fromTime)))
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
        case .started, .paused, .interrupted, .resumed:
            break
        case .injectDelivered(let inject), .injectSkipped(let inject):
            try container.encode(inject, forKey: .inject)
        case .adlibInject(let inject):
            try container.encode(true, forKey: .adlib)
            try container.encode(inject.id, forKey: .inject)
            try inject.encode(to: encoder)
        case .action(let action):
            try action.encode(to: encoder)
        case .personaReply(let persona, let to, let text):
            try container.encode(persona, forKey: .persona)
            try container.encode(to, forKey: .to)
            try container.encode(text, forKey: .text)
        case .observation(let observation):
            try observation.encode(to: encoder)
        case .ended(let reason):
            try container.encode(reason, forKey: .reason)
        case .surveyAnswer(let answer):
            try answer.encode(to: encoder)
        case .quizAnswer(let answer):
            try answer.encode(to: encoder)
        case .adjudication(let adjudication):
            try adjudication.encode(to: encoder)
        case .speedChanged(let speed):
            try container.encode(speed, forKey: .speed)
        case .clockAdvanced(let from):
            try container.encode(from.milliseconds, forKey: .fromTime)
        }
    }
}

// `to` is the word `all` or a list of role ids, as in a scenario file.
extension Recipients: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let word = try? container.decode(String.self) {
            guard word == "all" else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'to' must be \"all\" or a list of role ids")
            }
            self = .all
        } else {
            self = .roles(try container.decode([String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .all: try container.encode("all")
        case .roles(let ids): try container.encode(ids)
        }
    }
}
