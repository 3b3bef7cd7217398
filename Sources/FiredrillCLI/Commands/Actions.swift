import ArgumentParser
import FiredrillCore
import FiredrillRecords
import FiredrillReporting
import FiredrillStore
import Foundation

extension Firedrill {
    struct Actions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The improvement plan: corrective actions linked to runs and objectives (HSEEP).",
            subcommands: [Add.self, List.self, Close.self]
        )
    }
}

extension Firedrill.Actions {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a corrective action to a run's improvement plan.",
            discussion: """
            The issue and the action are checked for wording that blames people rather than \
            processes (a participant's name, "X's mistake", "careless", "should have", \
            「〜さんのミス」「不注意」「〜のせい」): each flagged passage is explained on standard \
            error with a process-focused wording. --strict refuses such an action (exit 1).

            The action's strength is shown too: strong (removes or automates the step: \
            "automate", 「自動化」「廃止」), medium (standardises it: checklist, template, \
            two-person review, 「チェックリスト」「ダブルチェック」) or weak (relies on people \
            remembering: "be careful", "remind", 「注意する」「周知する」), with a suggestion for a \
            weak one. It never refuses anything; `actions list --format json` carries \
            `strength` and, once closed, `evidence_strength`.
            """
        )

        @Option(name: .customLong("run"), help: "The run it comes from (id or unique prefix).")
        var runID: String

        @Option(help: "The objective it addresses.")
        var objective: String?

        @Option(help: "The issue observed (about process, roles or systems, not people).")
        var issue: String

        @Option(name: .customLong("action"), help: "The corrective action.")
        var correctiveAction: String

        @Option(help: "Capability element: Planning, Organization, Equipment, Training or Exercise.")
        var capability: String

        @Option(name: .customLong("org"), help: "Responsible organisation.")
        var organization: String

        @Option(name: .customLong("role"), help: "Responsible role.")
        var responsibleRole: String?

        @Option(help: "Start date, yyyy-MM-dd.")
        var start: String?

        @Option(help: "Due date, yyyy-MM-dd.")
        var due: String?

        @Flag(help: "Refuse the action if its wording blames people (default: add it and warn).")
        var strict = false

        @Option(name: .customLong("lang"), help: "Language of the wording warnings: en or ja (default: the run's scenario's).")
        var language: Language?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let database = try database.open()
            let stored = try store { try database.run(id: runID) }
            let review = try WordingReview(database: database, run: stored, language: language)
            let flagged = review.check(["--issue": issue, "--action": correctiveAction], strict: strict)
            if flagged, strict {
                Console.error(review.strings.refused)
                throw ExitCode(1)
            }
            let id = try store {
                try database.addCorrectiveAction(
                    runID: stored.id, objectiveID: objective, issue: issue, correctiveAction: correctiveAction,
                    capability: capability, responsibleOrg: organization, responsibleRole: responsibleRole,
                    startDate: start, dueDate: due
                )
            }
            review.noteStrength(of: correctiveAction, option: "--action")
            Console.out("corrective action \(id) added to run \(stored.id) (strength: \(ActionStrength.of(correctiveAction).rawValue))\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List corrective actions.")

        @Option(name: .customLong("run"), help: "Only this run's actions.")
        var runID: String?

        @Flag(help: "Only actions not closed yet.")
        var open = false

        @Flag(help: "Only open actions past their due date.")
        var overdue = false

        @OptionGroup var output: ListOptions

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let database = try database.open(.readOnly)
            let resolved = try runID.map { id in try store { try database.run(id: id).id } }
            let actions = try store {
                try database.correctiveActions(runID: resolved, openOnly: open || overdue, overdueAsOf: overdue ? Date() : nil, timeZone: .current)
            }
            try output.write(actions, csvHeader: CorrectiveActionColumns.header, fields: CorrectiveActionColumns.fields) {
                guard !actions.isEmpty else { return "no corrective actions\n" }
                var rows = [["#", "run", "objective", "capability", "responsible", "due", "status", "strength", "corrective action"]]
                for action in actions {
                    rows.append([
                        "\(action.id)", action.runID, action.objectiveID ?? "–", action.capability.rawValue,
                        action.responsibleOrg + (action.responsibleRole.map { " / \($0)" } ?? ""), action.dueDate ?? "–",
                        action.status.rawValue, action.strength.rawValue, String(action.correctiveAction.prefix(60)),
                    ])
                }
                return table(rows)
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a corrective action with the evidence that it is done.")

        @Argument(help: "The corrective action's number.")
        var id: Int64

        @Option(help: "What shows it is done (a document, a ticket, a follow-up drill).")
        var evidence: String

        @Flag(help: "Refuse the evidence if its wording blames people (default: close and warn).")
        var strict = false

        @Option(name: .customLong("lang"), help: "Language of the warnings: en or ja (default: the run's scenario's).")
        var language: Language?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let database = try database.open()
            var review: WordingReview?
            if let existing = try store({ try database.correctiveActions() }).first(where: { $0.id == id }) {
                review = try WordingReview(database: database, run: try store { try database.run(id: existing.runID) }, language: language)
                if review?.check(["--evidence": evidence], strict: strict) == true, strict {
                    Console.error(review?.strings.refused ?? "")
                    throw ExitCode(1)
                }
            }
            let action = try store { try database.closeCorrectiveAction(id: id, evidence: evidence) }
            review?.noteStrength(of: evidence, option: "--evidence")
            Console.out("corrective action \(action.id) closed (evidence strength: \(ActionStrength.of(evidence).rawValue))\n")
        }
    }
}

/// The blameless-wording check of text written into a run's improvement plan, against the
/// names of the people who took part in it.
struct WordingReview {
    let names: [String]
    let language: Language
    var strings: Strings { Strings(language: language) }

    init(database: any DrillStore, run: StoredRun, language: Language?) throws {
        names = try store { try StoredReport.participantNames(database, runID: run.id) }
        let scenarioLanguage = (try? StoredReport.scenario(of: run)).map { Language(tag: $0.language) } ?? .english
        self.language = language ?? scenarioLanguage
    }

    /// Prints every flagged passage of `texts` (option name → text) on standard error, as a
    /// warning or (with `strict`) an error; whether anything was flagged.
    func check(_ texts: KeyValuePairs<String, String>, strict: Bool) -> Bool {
        var flagged = false
        for (option, text) in texts {
            for finding in BlamelessWording.check(text, participantNames: names, language: language) {
                flagged = true
                Console.error("\(strict ? "error" : "warning"): \(option): \(strings.flagged(finding))")
                Console.error("  \(strings.why): \(finding.rule.why(in: language))")
                Console.error("  \(strings.instead): \(finding.rule.suggestion(in: language))")
            }
        }
        return flagged
    }

    /// A weak `text` (one that relies on people remembering) gets a warning on standard error
    /// with the suggestion; the others are only named on standard output.
    func noteStrength(of text: String, option: String) {
        let strength = ActionStrength.of(text)
        guard strength == .weak else { return }
        Console.error(strings.text(
            "warning: \(option): strength \(strength.label(in: language)). \(strength.why(in: language))",
            "warning: \(option): 対策の強さ「\(strength.label(in: language))」。\(strength.why(in: language))"
        ))
        if let suggestion = strength.suggestion(in: language) { Console.error("  \(strings.instead): \(suggestion)") }
    }

    struct Strings {
        let language: Language
        func text(_ english: String, _ japanese: String) -> String { language == .japanese ? japanese : english }
        func flagged(_ finding: BlamelessWording.Finding) -> String {
            let what = finding.rule == .participantName ? text("a participant's name", "参加者の氏名") : finding.matched
            return text("\"\(finding.passage)\" speaks of people, not processes (\(what))",
                        "「\(finding.passage)」は手順ではなく人に焦点を当てています（\(what)）")
        }
        var why: String { text("why", "理由") }
        var instead: String { text("instead", "書き換え") }
        var refused: String {
            text("error: not recorded (--strict): reword it in terms of processes, roles and systems",
                 "error: 記録しませんでした（--strict）。手順・ロール・仕組みの観点で書き直してください")
        }
    }
}
