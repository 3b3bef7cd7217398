import FiredrillCore
import FiredrillVocabulary
import Foundation

/// What the terminal drill says, in English or Japanese (the scenario's language, or
/// `--lang`). The texts are in the catalog of FiredrillVocabulary,
/// `Catalog/terminal.{en,ja}.json`, named by `TerminalText`: `strings[.drillStarted]`,
/// `strings[.nowActingAs, ["role": id]]`. What is not a plain text stays here: choosing
/// between texts, lists, the words that answer yes. Scenario text is shown as written.
struct TerminalStrings: Sendable {
    let language: Language
    /// Whether the people at this terminal steer the drill (`run`, `resume`), or only play
    /// in it (`join`: the trainer steers on the server).
    let steers: Bool
    private let texts: CatalogTexts<TerminalText>

    init(language: Language, steers: Bool = true) {
        self.language = language
        self.steers = steers
        texts = CatalogTexts(language)
    }

    subscript(_ key: TerminalText, _ values: [String: String] = [:]) -> String { texts[key, values] }

    var drillPaused: String { self[steers ? .drillPaused : .drillPausedByTrainer] }
    var drillInterrupted: String { self[steers ? .drillInterrupted : .drillInterruptedOnServer] }

    func didYouMeanEscalation(to target: String, channel: String?) -> String {
        let via = channel.map { channel in
            let name = texts.member("channel", channel) ?? channel
            return language == .japanese ? "（\(name)）" : " (\(name))"
        }
        return self[.didYouMeanEscalation, ["target": target, "via": via ?? ""]]
    }

    func isYes(_ answer: String) -> Bool {
        let word = TextMatching.normalize(answer).trimmingCharacters(in: .whitespaces)
        return ["y", "yes", "はい", "うん", "連絡"].contains(word)
    }

    func speedChanged(_ speed: Double) -> String {
        self[.speedChanged, ["speed": speed == speed.rounded() ? String(Int(speed)) : String(speed)]]
    }

    func drillEnded(_ reason: DrillEvent.EndReason) -> String {
        self[.drillEnded, ["reason": Vocabulary.of(language).endReason(reason)]]
    }

    func help(currentRole: String, played: [String], roles: [Role], channels: [String]) -> String {
        self[.help, [
            "role": currentRole, "played": played.joined(separator: ", "), "control": self[steers ? .helpSteering : .helpPlaying],
            "roles": roles.map { "\($0.id) (\($0.name))" }.joined(separator: ", "), "channels": channels.joined(separator: ", "),
        ]]
    }

    var scaleHint: String { "[1-5]" }

    // Closing table
    var objectiveHeader: [String] {
        [.columnObjective, .columnKind, .columnTarget, .columnElapsed, .columnCredit, .columnRating].map { self[$0] }
    }

    func status(_ status: DrillReport.ObjectiveStatus) -> String {
        switch status {
        case .met: ""
        case .missed: self[.objectiveMissed]
        case .notApplicable: self[.objectiveNotApplicable]
        case .notExercised: self[.objectiveNotExercised]
        }
    }

    func coverage(_ coverage: DrillReport.Coverage) -> String {
        self[.coverage, ["exercised": "\(coverage.objectivesExercised)", "total": "\(coverage.objectivesTotal)"]]
    }
}
