import FiredrillCore
import FiredrillVocabulary

/// What reports say, in English or Japanese. The texts are in the catalog of
/// FiredrillVocabulary, `Catalog/report.{en,ja}.json`, named by `ReportText`: look one up
/// with `s[.overview]` or, with placeholders, `s[.clockStartedAt, ["time": "4:00"]]`. What is
/// not a plain text stays here: punctuation and joining, plural forms, choosing between
/// texts. The drill's words (kinds, channels, statuses, ratings) are the `words` the pages use
/// too. Scenario text and what people wrote are shown as written.
public struct ReportStrings: Sendable {
    public let language: Language
    /// The drill's words (kinds, channels, statuses, ratings): the catalog the pages use too.
    let words: Vocabulary
    private let texts: CatalogTexts<ReportText>

    public init(_ language: Language) {
        self.language = language
        words = Vocabulary.of(language)
        texts = CatalogTexts(language)
    }

    subscript(_ key: ReportText, _ values: [String: String] = [:]) -> String { texts[key, values] }

    private var japanese: Bool { language == .japanese }

    // MARK: Punctuation

    /// Between a label and its value.
    var colon: String { japanese ? "：" : ": " }
    /// Between the items of a list written on one line.
    var listSeparator: String { japanese ? "、" : "; " }
    /// After a sentence followed by another one.
    var sentenceEnd: String { japanese ? "。" : ". " }
    /// Whole sentences one after the other: a space between them in English, none in Japanese.
    func sentences(_ parts: String...) -> String { parts.joined(separator: japanese ? "" : " ") }
    /// Between items of a list in running text.
    var comma: String { japanese ? "、" : ", " }
    func parenthesized(_ inner: String) -> String { japanese ? "（\(inner)）" : " (\(inner))" }

    /// `count` in the text of its singular form or of its plural form (`{count} pauses`).
    func count(_ count: Int, _ one: ReportText, _ many: ReportText, _ values: [String: String] = [:]) -> String {
        self[count == 1 ? one : many, values.merging(["count": "\(count)"]) { $1 }]
    }

    // MARK: Texts that depend on the report

    func durationValue(planned: String, played: String?, reason: String) -> String {
        guard let played else { return self[.durationCutOff, ["planned": planned, "reason": reason]] }
        return self[.durationPlayed, ["played": played, "planned": planned, "reason": reason]]
    }

    func modeValue(_ mode: DrillMode, speed: String?) -> String {
        self[mode == .live ? .modeLive : .modeReplay] + (speed.map { comma + self[.modeSpeed, ["speed": $0]] } ?? "")
    }

    func modeName(_ mode: DrillMode) -> String { self[mode == .live ? .modeNameLive : .modeNameReplay] }

    func scopeValue(objectives: Int, weight: String, injects: Int, departments: Int) -> String {
        count(departments, .scopeValueOneDepartment, .scopeValue, ["objectives": "\(objectives)", "weight": weight, "injects": "\(injects)", "departments": "\(departments)"])
    }

    func conductValue(actions: Int, pauses: Int, interruptions: Int, injectsDelivered: Int, adlibs: Int, speedChanges: Int, skipped: String?) -> String {
        var value = self[.conductValue, [
            "actions": count(actions, .playerAction, .playerActions), "messages": count(injectsDelivered, .message, .messages),
            "adlibs": "\(adlibs)", "pauses": count(pauses, .pause, .pauses), "interruptions": count(interruptions, .interruption, .interruptions),
        ]]
        if speedChanges > 0 { value += comma + count(speedChanges, .speedChange, .speedChanges) }
        if let skipped { value += comma + self[.skippedToNextMessage, ["time": skipped]] }
        return value
    }

    func coverageValue(_ coverage: DrillReport.Coverage, weight: String, totalWeight: String) -> String {
        self[.coverageValue, ["exercised": "\(coverage.objectivesExercised)", "total": "\(coverage.objectivesTotal)", "weight": weight, "total_weight": totalWeight]]
    }

    func incompleteWarning(endedAt: String?, notExercised: Int) -> String {
        let when = endedAt.map { self[.endedEarlyAt, ["time": $0]] } ?? self[.endedEarlyBeforeEnd]
        return count(notExercised, .incompleteWarningOne, .incompleteWarning, ["when": when])
    }

    func decisionLine(at time: String?, decision: String, action: String, by: String?) -> String {
        let who = by.map { by in by == "trainer" ? words.text("token.trainer") : by.hasPrefix("evaluator-") ? words.text("token.evaluator") + " " + by.dropFirst("evaluator-".count) : by }
        return (time.map { "\($0) " } ?? "") + (who.map { $0 + colon } ?? "") + "\(action) — \(decision)"
    }

    func kindName(_ kind: ActionKind) -> String { words.kind(kind) }
    func statusName(_ status: DrillReport.ObjectiveStatus) -> String { words.objectiveStatus(status.rawValue) }

    func endReason(_ reason: DrillEvent.EndReason?) -> String {
        reason.map(words.endReason) ?? self[.interrupted]
    }

    /// A capability element (`Planning`), a corrective action's status (`in-progress`) or a
    /// record's status (`finished`) by name; the name itself when the catalog has no text for it.
    func capabilityName(_ name: String) -> String { texts.member("capability", name) ?? name }
    func actionStatus(_ status: String) -> String { texts.member("actionStatus", status) ?? status }
    func runStatusName(_ status: String) -> String { texts.member("runStatus", status) ?? status }

    func controlTitle(_ control: ControlCatalog.Control) -> String {
        japanese ? control.titleJapanese : control.title
    }

    func speedDetail(_ speed: Double) -> String {
        self[.speedDetail, ["speed": speed == speed.rounded() ? String(Int(speed)) : String(speed)]]
    }

    func participantsValue(_ count: Int) -> String { self.count(count, .participantsValueOne, .participantsValue) }

    // MARK: Wording review

    func findingPlace(_ finding: DrillReport.WordingFinding, objective: String?) -> String {
        switch finding.source {
        case .observation:
            self[.observationPlace, ["number": "\(finding.index + 1)"]] + (objective.map { parenthesized($0) } ?? "")
        case .survey:
            self[.surveyPlace, ["question": "\(finding.index + 1)", "answer": "\((finding.item ?? 0) + 1)"]]
        case .correctiveAction:
            self[.correctiveActionPlace, ["number": "\(finding.index)"]] + parenthesized(fieldName(finding.field))
        }
    }

    func fieldName(_ field: String) -> String {
        switch field {
        case "issue": self[.issue]
        case "corrective_action": self[.correctiveAction]
        case "closing_evidence": self[.closingEvidence]
        default: self[.fieldText]
        }
    }

    func ruleName(_ rule: BlamelessWording.Rule) -> String {
        switch rule {
        case .participantName: self[.ruleParticipantName]
        case .personalFault: self[.rulePersonalFault]
        case .characterJudgement: self[.ruleCharacterJudgement]
        case .hindsight: self[.ruleHindsight]
        case .humanError: self[.ruleHumanError]
        }
    }
}
