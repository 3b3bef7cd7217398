/// One recorded event as people and programs see it: the one JSON shape of an event,
/// wherever it appears (an event-stream message, the report's timeline, the answer to the
/// `POST` that made it), `{"seq", "type", "at_seconds", …}` with the fields of its type.
///
/// Built by ``Visibility/view(of:met:wallTime:for:scenario:)``, which leaves out what an
/// audience may not see; read back by clients (`firedrill join`, the benchmark, the tests)
/// with the same `Codable` conformance. Every field of an event's type is written, `null`
/// when it has no value; fields of other types are never written.
///
/// | type | fields |
/// |---|---|
/// | `started`, `paused`, `resumed`, `interrupted` | — |
/// | `ended` | `reason` |
/// | `inject-delivered`, `inject-skipped` | `inject`, `to`, `channel`, `from`, `subject`, `body`, `adlib` (staff also `expect`, `notes`) |
/// | `action` | `role`, `kind`, `target`, `channel`, `text`, `in_reply_to` (those who see progress also `met`) |
/// | `persona-reply` | `role` (the persona), `to` (the role it answers), `text` |
/// | `observation` | `objective`, `rating`, `text`, `by` |
/// | `survey-answer` | `participant`, `question`, `score`, `comment` |
/// | `adjudication` | `action`, `objective`, `decision`, `note`, `by` |
/// | `speed-changed` | `speed` |
/// | `clock-advanced` | `from_seconds` |
public struct EventView: Sendable, Hashable, Codable {
    public var seq: Int
    public var type: String
    public var atSeconds: Double
    /// When the event was recorded (ISO-8601 UTC): on streams and in answers, not in reports.
    public var wallTime: String?

    public var inject: String?
    public var to: Addressees?
    public var channel: String?
    public var from: String?
    public var subject: String?
    public var body: String?
    public var adlib: Bool?
    /// Whether `expect` and `notes` are part of this view (the exercise staff's).
    public var showsStaffNotes = false
    public var expect: String?
    public var notes: String?

    public var role: String?
    public var kind: ActionKind?
    public var target: String?
    public var text: String?
    public var inReplyTo: String?
    /// The objectives the action met, for audiences that see progress (`nil`: not shown).
    public var met: [DrillFeed.Met]?

    public var reason: String?

    public var objective: String?
    public var rating: Scoring.Rating?
    public var by: String?

    public var participant: String?
    /// A survey answer's question (its index).
    public var question: Int?
    /// A quiz answer's question (its id), written under the same key, `question`.
    public var quizQuestion: String?
    /// A quiz answer's department and picked choices.
    public var department: String?
    public var choices: [Int]?
    public var score: Int?
    public var comment: String?

    public var action: Int?
    public var decision: Adjudication.Decision?
    public var note: String?

    public var speed: Double?
    public var fromSeconds: Double?

    public init(seq: Int, type: String, atSeconds: Double, wallTime: String? = nil) {
        self.seq = seq
        self.type = type
        self.atSeconds = atSeconds
        self.wallTime = wallTime
    }

    /// Who an event is addressed to: an inject's `all` or list of roles, the role a persona answers.
    public enum Addressees: Sendable, Hashable {
        case all
        case roles([String])
        case role(String)

        public init(_ recipients: Recipients) {
            switch recipients {
            case .all: self = .all
            case .roles(let ids): self = .roles(ids)
            }
        }

        /// The role ids, or `["all"]`.
        public var ids: [String] {
            switch self {
            case .all: ["all"]
            case .roles(let ids): ids
            case .role(let id): [id]
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case seq, type, atSeconds = "at_seconds", wallTime = "wall_time"
        case inject, to, channel, from, subject, body, adlib, expect, notes
        case role, kind, target, text, inReplyTo = "in_reply_to", met, reason
        case objective, rating, by, participant, question, score, comment, department, choices
        case action, decision, note, speed, fromSeconds = "from_seconds"
    }

    /// The keys of a type's fields, in the order written (sorted keys aside).
    static func fields(of type: String) -> [CodingKeys] {
        switch type {
        case "ended": [.reason]
        case "inject-delivered", "inject-skipped": [.inject, .to, .channel, .from, .subject, .body, .adlib]
        case "action": [.role, .kind, .target, .channel, .text, .inReplyTo]
        case "persona-reply": [.role, .to, .text]
        case "observation": [.objective, .rating, .text, .by]
        case "survey-answer": [.participant, .question, .score, .comment]
        case "quiz-answer": [.participant, .department, .question, .choices]
        case "adjudication": [.action, .objective, .decision, .note, .by]
        case "speed-changed": [.speed]
        case "clock-advanced": [.fromSeconds]
        default: []
        }
    }

    /// A value of an event's field, as JSON has them.
    public enum FieldValue: Sendable, Hashable, Encodable {
        case null
        case string(String)
        case number(Double)
        case integer(Int)
        case bool(Bool)
        case strings([String])
        case integers([Int])
        case met([DrillFeed.Met])

        init(_ value: String?) { self = value.map(FieldValue.string) ?? .null }
        init(_ value: Double?) { self = value.map(FieldValue.number) ?? .null }
        init(_ value: Int?) { self = value.map(FieldValue.integer) ?? .null }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .string(let value): try container.encode(value)
            case .number(let value): try container.encode(value)
            case .integer(let value): try container.encode(value)
            case .bool(let value): try container.encode(value)
            case .strings(let value): try container.encode(value)
            case .integers(let value): try container.encode(value)
            case .met(let value): try container.encode(value)
            }
        }
    }

    /// The fields written for this view, keys as in JSON, in sorted order: the one
    /// definition of the event's shape, used by ``encode(to:)`` and by the reports' fast JSON
    /// writer alike.
    public var jsonFields: [(key: String, value: FieldValue)] {
        var fields: [(key: String, value: FieldValue)] = []
        fields.reserveCapacity(16)
        for key in Self.sortedKeys[type] ?? Self.commonKeys {
            let value: FieldValue
            switch key {
            case .seq: value = .integer(seq)
            case .type: value = .string(type)
            case .atSeconds: value = .number(atSeconds)
            case .wallTime:
                guard let wallTime else { continue }
                value = .string(wallTime)
            case .met:
                guard let met else { continue }
                value = .met(met)
            case .expect, .notes:
                guard showsStaffNotes else { continue }
                value = .init(key == .expect ? expect : notes)
            case .inject: value = .init(inject)
            case .to:
                switch to {
                case .all?: value = .string("all")
                case .roles(let ids)?: value = .strings(ids)
                case .role(let id)?: value = .string(id)
                case nil: value = .null
                }
            case .channel: value = .init(channel)
            case .from: value = .init(from)
            case .subject: value = .init(subject)
            case .body: value = .init(body)
            case .adlib: value = .bool(adlib ?? false)
            case .role: value = .init(role)
            case .kind: value = .init(kind?.rawValue)
            case .target: value = .init(target)
            case .text: value = .init(text)
            case .inReplyTo: value = .init(inReplyTo)
            case .reason: value = .init(reason)
            case .objective: value = .init(objective)
            case .rating: value = .init(rating?.rawValue)
            case .by: value = .init(by)
            case .participant: value = .init(participant)
            case .question: value = type == "quiz-answer" ? .init(quizQuestion) : .init(question)
            case .department: value = .init(department)
            case .choices: value = choices.map(FieldValue.integers) ?? .null
            case .score: value = .init(score)
            case .comment: value = .init(comment)
            case .action: value = .init(action)
            case .decision: value = .init(decision?.rawValue)
            case .note: value = .init(note)
            case .speed: value = .init(speed)
            case .fromSeconds: value = .init(fromSeconds)
            }
            fields.append((key.rawValue, value))
        }
        return fields
    }

    /// Every field any view of an event has, and those its type adds.
    private static let commonKeys: [CodingKeys] = sorted([.seq, .type, .atSeconds, .wallTime, .expect, .notes, .met])

    /// Each type's keys in JSON's sorted order (the optional ones are left out when empty),
    /// so writers need not sort them.
    private static let sortedKeys: [String: [CodingKeys]] = {
        let types = ["started", "paused", "resumed", "interrupted", "ended", "inject-delivered", "inject-skipped", "action",
                     "persona-reply", "observation", "survey-answer", "quiz-answer", "adjudication", "speed-changed", "clock-advanced"]
        return Dictionary(uniqueKeysWithValues: types.map { ($0, sorted(commonKeys + fields(of: $0))) })
    }()

    private static func sorted(_ keys: [CodingKeys]) -> [CodingKeys] {
        keys.sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (key, value) in jsonFields { try container.encode(value, forKey: Key(key)) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seq = try container.decode(Int.self, forKey: .seq)
        type = try container.decode(String.self, forKey: .type)
        atSeconds = try container.decode(Double.self, forKey: .atSeconds)
        wallTime = try container.decodeIfPresent(String.self, forKey: .wallTime)
        inject = try container.decodeIfPresent(String.self, forKey: .inject)
        if container.contains(.to), try !container.decodeNil(forKey: .to) {
            if let list = try? container.decode([String].self, forKey: .to) {
                to = .roles(list)
            } else {
                let word = try container.decode(String.self, forKey: .to)
                to = type == "persona-reply" || word != "all" ? .role(word) : .all
            }
        }
        channel = try container.decodeIfPresent(String.self, forKey: .channel)
        from = try container.decodeIfPresent(String.self, forKey: .from)
        subject = try container.decodeIfPresent(String.self, forKey: .subject)
        body = try container.decodeIfPresent(String.self, forKey: .body)
        adlib = try container.decodeIfPresent(Bool.self, forKey: .adlib)
        showsStaffNotes = container.contains(.expect) || container.contains(.notes)
        expect = try container.decodeIfPresent(String.self, forKey: .expect)
        notes = try container.decodeIfPresent(String.self, forKey: .notes)
        role = try container.decodeIfPresent(String.self, forKey: .role)
        kind = try container.decodeIfPresent(ActionKind.self, forKey: .kind)
        target = try container.decodeIfPresent(String.self, forKey: .target)
        text = try container.decodeIfPresent(String.self, forKey: .text)
        inReplyTo = try container.decodeIfPresent(String.self, forKey: .inReplyTo)
        met = try container.decodeIfPresent([DrillFeed.Met].self, forKey: .met)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
        objective = try container.decodeIfPresent(String.self, forKey: .objective)
        rating = try container.decodeIfPresent(Scoring.Rating.self, forKey: .rating)
        by = try container.decodeIfPresent(String.self, forKey: .by)
        participant = try container.decodeIfPresent(String.self, forKey: .participant)
        if type == "quiz-answer" {
            quizQuestion = try container.decodeIfPresent(String.self, forKey: .question)
        } else {
            question = try container.decodeIfPresent(Int.self, forKey: .question)
        }
        department = try container.decodeIfPresent(String.self, forKey: .department)
        choices = try container.decodeIfPresent([Int].self, forKey: .choices)
        score = try container.decodeIfPresent(Int.self, forKey: .score)
        comment = try container.decodeIfPresent(String.self, forKey: .comment)
        action = try container.decodeIfPresent(Int.self, forKey: .action)
        decision = try container.decodeIfPresent(Adjudication.Decision.self, forKey: .decision)
        note = try container.decodeIfPresent(String.self, forKey: .note)
        speed = try container.decodeIfPresent(Double.self, forKey: .speed)
        fromSeconds = try container.decodeIfPresent(Double.self, forKey: .fromSeconds)
    }
}
