import ArgumentParser
import FiredrillCore
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
        static let configuration = CommandConfiguration(abstract: "Add a corrective action to a run's improvement plan.")

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

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let database = try database.open()
            let stored = try store { try database.run(id: runID) }
            let id = try store {
                try database.addCorrectiveAction(
                    runID: stored.id, objectiveID: objective, issue: issue, correctiveAction: correctiveAction,
                    capability: capability, responsibleOrg: organization, responsibleRole: responsibleRole,
                    startDate: start, dueDate: due
                )
            }
            Console.out("corrective action \(id) added to run \(stored.id)\n")
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

        @Option(help: "Output: table, json or csv.")
        var format: ListFormat = .table

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let database = try database.open(.readOnly)
            let resolved = try runID.map { id in try store { try database.run(id: id).id } }
            let actions = try store {
                try database.correctiveActions(runID: resolved, openOnly: open || overdue, overdueAsOf: overdue ? Date() : nil)
            }
            switch format {
            case .json: Console.out(try JSONReportRenderer.encode(actions))
            case .csv:
                var csv = CSVDocument(header: CorrectiveActionColumns.header)
                for action in actions { csv.append(CorrectiveActionColumns.fields(action)) }
                Console.out(csv.text())
            case .table:
                var rows = [["#", "run", "objective", "capability", "responsible", "due", "status", "corrective action"]]
                for action in actions {
                    rows.append([
                        "\(action.id)", action.runID, action.objectiveID ?? "–", action.capability.rawValue,
                        action.responsibleOrg + (action.responsibleRole.map { " / \($0)" } ?? ""), action.dueDate ?? "–",
                        action.status.rawValue, String(action.correctiveAction.prefix(60)),
                    ])
                }
                Console.out(actions.isEmpty ? "no corrective actions\n" : table(rows))
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a corrective action with the evidence that it is done.")

        @Argument(help: "The corrective action's number.")
        var id: Int64

        @Option(help: "What shows it is done (a document, a ticket, a follow-up drill).")
        var evidence: String

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let action = try store { try database.open().closeCorrectiveAction(id: id, evidence: evidence) }
            Console.out("corrective action \(action.id) closed\n")
        }
    }
}

/// Corrective actions as CSV.
enum CorrectiveActionColumns {
    static let header = [
        "id", "run_id", "objective_id", "issue", "corrective_action", "capability", "responsible_org", "responsible_role",
        "start_date", "due_date", "status", "closing_evidence", "closed_at", "created_at",
    ]

    static func fields(_ action: CorrectiveAction) -> [String] {
        [
            "\(action.id)", action.runID, action.objectiveID ?? "", action.issue, action.correctiveAction,
            action.capability.rawValue, action.responsibleOrg, action.responsibleRole ?? "", action.startDate ?? "",
            action.dueDate ?? "", action.status.rawValue, action.closingEvidence ?? "", action.closedAt ?? "", action.createdAt,
        ]
    }
}
