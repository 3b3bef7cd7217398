extension DrillReport {
    /// A passage of text someone wrote into the record that blames people rather than
    /// processes, with why it matters and a process-focused wording (in the scenario's
    /// language). The passage never carries a participant's name.
    public struct WordingFinding: Sendable, Hashable, Codable {
        public enum Source: String, Sendable, Hashable, Codable {
            case observation
            case survey
            case correctiveAction = "corrective-action"
        }

        public var source: Source
        /// The observation's position in `observations` (from 0), the survey question's
        /// position in `survey`, or the corrective action's id.
        public var index: Int
        /// The field: `text` (an observation, a survey answer), `issue`, `corrective_action`,
        /// `closing_evidence`.
        public var field: String
        /// For a survey answer, its position in the question's `texts`.
        @ExplicitNull public var item: Int?
        public var rule: BlamelessWording.Rule
        public var matched: String
        public var passage: String
        public var why: String
        public var suggestion: String

        public init(
            source: Source, index: Int, field: String, item: Int? = nil, rule: BlamelessWording.Rule, matched: String,
            passage: String, why: String, suggestion: String
        ) {
            self.source = source
            self.index = index
            self.field = field
            self.item = item
            self.rule = rule
            self.matched = matched
            self.passage = passage
            self.why = why
            self.suggestion = suggestion
        }
    }

    /// Checks what people wrote into the record (observations, survey answers, the
    /// improvement plan) for person-focused blame, and replaces the participants' names in
    /// every text written during or after the drill (messages, replies, ad-lib injects too) by
    /// a placeholder: reports speak of roles, names stay in the record.
    ///
    /// `participantNames` are the display names of those who took part (known only for
    /// recorded runs). Replaces any earlier review.
    public mutating func reviewWording(participantNames: [String]) {
        let language = Language(tag: scenario.language)
        var findings: [WordingFinding] = []
        func check(_ text: String?, _ source: WordingFinding.Source, _ index: Int, _ field: String, item: Int? = nil) {
            guard let text else { return }
            for finding in BlamelessWording.check(text, participantNames: participantNames, language: language) {
                findings.append(WordingFinding(
                    source: source, index: index, field: field, item: item, rule: finding.rule, matched: finding.matched,
                    passage: finding.passage, why: finding.rule.why(in: language), suggestion: finding.rule.suggestion(in: language)
                ))
            }
        }
        func mask(_ text: String) -> String {
            BlamelessWording.masking(text, participantNames: participantNames, language: language)
        }

        for (index, observation) in observations.enumerated() { check(observation.text, .observation, index, "text") }
        for (index, question) in survey.enumerated() {
            for (item, text) in question.texts.enumerated() { check(text, .survey, index, "text", item: item) }
        }
        for action in record?.correctiveActions ?? [] {
            let index = Int(clamping: action.id)
            check(action.issue, .correctiveAction, index, "issue")
            check(action.correctiveAction, .correctiveAction, index, "corrective_action")
            check(action.closingEvidence, .correctiveAction, index, "closing_evidence")
        }
        blamelessFindings = findings

        guard !participantNames.isEmpty else { return }
        for index in observations.indices {
            observations[index].text = mask(observations[index].text)
            observations[index].by = observations[index].by.map(mask)
        }
        // Everything written during the drill: messages, replies, ad-lib injects, observations.
        for index in timeline.indices {
            timeline[index].text = timeline[index].text.map(mask)
            timeline[index].subject = timeline[index].subject.map(mask)
            timeline[index].body = timeline[index].body.map(mask)
        }
        for index in injects.indices where injects[index].adlib { injects[index].subject = mask(injects[index].subject) }
        for index in survey.indices { survey[index].texts = survey[index].texts.map(mask) }
        if var record {
            for index in record.correctiveActions.indices {
                record.correctiveActions[index].issue = mask(record.correctiveActions[index].issue)
                record.correctiveActions[index].correctiveAction = mask(record.correctiveActions[index].correctiveAction)
                record.correctiveActions[index].closingEvidence = record.correctiveActions[index].closingEvidence.map(mask)
            }
            self.record = record
        }
    }
}
