// The coded form of the drill's inputs: their fields in an event of a record (see
// ``DrillEvent``) and in a step of a replay script alike. Encoding is synthesized; decoding
// goes through the type's initializer, so that text read back has LF line breaks like text
// typed (an action's initializer changes nothing: its decoding is synthesized too).

extension PlayerAction {
    enum CodingKeys: String, CodingKey {
        case role, kind, text, target, channel, inReplyTo = "in_reply_to"
    }
}

extension Observation {
    enum CodingKeys: String, CodingKey {
        case objective, rating, text, by
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            objective: try container.decodeIfPresent(String.self, forKey: .objective),
            rating: try container.decodeIfPresent(Scoring.Rating.self, forKey: .rating),
            text: try container.decode(String.self, forKey: .text),
            by: try container.decodeIfPresent(String.self, forKey: .by)
        )
    }
}

extension SurveyAnswer {
    enum CodingKeys: String, CodingKey {
        case participant, question, score, comment
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            participant: try container.decodeIfPresent(String.self, forKey: .participant),
            question: try container.decode(Int.self, forKey: .question),
            score: try container.decodeIfPresent(Int.self, forKey: .score),
            comment: try container.decodeIfPresent(String.self, forKey: .comment)
        )
    }
}

extension Adjudication {
    enum CodingKeys: String, CodingKey {
        case action, objective, decision, note, by
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            action: try container.decode(Int.self, forKey: .action),
            objective: try container.decode(String.self, forKey: .objective),
            decision: try container.decode(Decision.self, forKey: .decision),
            note: try container.decodeIfPresent(String.self, forKey: .note),
            by: try container.decodeIfPresent(String.self, forKey: .by)
        )
    }
}

// An ad-lib inject's content; its id is the engine's (an event writes it as `inject`).
extension AdlibInject {
    enum CodingKeys: String, CodingKey {
        case to, channel, from, subject, body
    }

    /// Its content; the id is left empty (an event sets it from its `inject`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            to: try container.decode(Recipients.self, forKey: .to),
            channel: try container.decode(String.self, forKey: .channel),
            from: try container.decodeIfPresent(String.self, forKey: .from),
            subject: try container.decode(String.self, forKey: .subject),
            body: try container.decodeIfPresent(String.self, forKey: .body)
        )
    }
}
