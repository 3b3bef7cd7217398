import FiredrillCore
import FiredrillStore

/// A passage of the improvement plan that speaks of people rather than processes, as the API
/// and the pages show it before anything is changed: the blameless-wording check of
/// ``FiredrillCore/BlamelessWording`` against the run's participants' names. It warns; a
/// person decides.
public struct WordingWarning: Sendable, Hashable, Encodable {
    /// The field the passage is in (`corrective_action`, `evidence`, …).
    public var field: String
    public var passage: String
    /// What was matched: the wording, or "a participant's name" (never the name itself).
    public var matched: String
    public var why: String
    public var suggestion: String

    /// The warnings for `texts` (field → text) of `run`, in `language` (else the scenario's).
    public static func review(
        _ texts: KeyValuePairs<String, String?>, run: StoredRun, in database: any DrillStore, language: Language?
    ) throws -> [WordingWarning] {
        let names = try StoredReport.participantNames(database, runID: run.id)
        let language = language ?? (try? StoredReport.scenario(of: run)).map { Language(tag: $0.language) } ?? .english
        var warnings: [WordingWarning] = []
        for case let (field, text?) in texts {
            for finding in BlamelessWording.check(text, participantNames: names, language: language) {
                let matched = finding.rule == .participantName ? (language == .japanese ? "参加者の氏名" : "a participant's name") : finding.matched
                warnings.append(WordingWarning(
                    field: field, passage: finding.passage, matched: matched,
                    why: finding.rule.why(in: language), suggestion: finding.rule.suggestion(in: language)
                ))
            }
        }
        return warnings
    }
}
