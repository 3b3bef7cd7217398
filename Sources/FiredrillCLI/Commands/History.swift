import ArgumentParser
import FiredrillCore
import FiredrillRecords
import FiredrillReporting
import FiredrillStore
import Foundation

extension RunStatus: ExpressibleByArgument {}

extension Firedrill {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List recorded drills, newest first.",
            discussion: """
            'mode' says whether the drill was played live (terminal or server) or replayed from a \
            script. The score covers the objectives shown as 'covered' (exercised of all); a drill \
            ended before some objectives could be judged is marked 'incomplete'. Times are drill \
            times from the drill's start: of the first acknowledgement, escalation and action of \
            any kind, and (effective) of the first escalation and action that met an objective. \
            'open' counts open corrective actions.
            """
        )

        @OptionGroup var filter: RunFilterOptions

        @Option(help: "Only runs with this status: running, finished or interrupted.")
        var status: RunStatus?

        @Option(help: "At most this many runs.")
        var limit: Int?

        @OptionGroup var output: ListOptions

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let database = try database.open(.readOnly)
            // Status is judged after liveness (a 'running' run whose process died is interrupted).
            let query = HistoryFilter(
                scenarioID: filter.scenario, since: filter.since?.start, until: filter.until?.end, status: nil,
                limit: status == nil ? limit : nil
            )
            var rows = try store { try database.history(filter: query) }
            for index in rows.indices {
                rows[index].status = StoredReport.displayStatus(rows[index].status, runID: rows[index].runID, databasePath: database.location)
            }
            if let status {
                rows = rows.filter { $0.status == status }
                if let limit { rows = Array(rows.prefix(limit)) }
            }
            try output.write(rows.map(HistoryEntry.init), csvHeader: HistoryEntry.csvHeader, fields: \.csvFields) {
                guard !rows.isEmpty else { return "no runs recorded in \(database.location)\n" }
                var lines = [[
                    "run", "started (UTC)", "scenario", "mode", "status", "score", "covered", "ack", "escalate", "eff. escalation",
                    "1st action", "eff. action", "open",
                ]]
                for row in rows {
                    lines.append([
                        row.runID, Formats.utc(row.startedAt), row.scenarioID, row.mode?.rawValue ?? "?", row.status.rawValue,
                        row.score.map { Formats.number($0) } ?? "–", Self.coverage(row), Formats.clock(row.ackMs),
                        Formats.clock(row.escalateMs), Formats.clock(row.effectiveEscalationMs), Formats.clock(row.firstActionMs),
                        Formats.clock(row.effectiveActionMs), "\(row.openActions)",
                    ])
                }
                return table(lines) + "Times are drill time from the start; 'eff.': the first escalation or action that met an objective.\n"
            }
            for row in rows where !row.damage.isEmpty {
                Console.error("warning: run \(row.runID): its record is damaged (\(row.damage.joined(separator: "; "))); 'firedrill verify \(row.runID)' checks it")
            }
        }
        /// What the score covers: `4/8 incomplete` for a drill ended early, `8/8` otherwise.
        static func coverage(_ row: HistoryRow) -> String {
            guard let exercised = row.objectivesExercised, let total = row.objectivesTotal else { return "–" }
            return "\(exercised)/\(total)" + (row.complete == false ? " incomplete" : "")
        }
    }
}

/// A history row as written in JSON (every key, `null` included) and CSV.
struct HistoryEntry: Encodable {
    var runID: String
    var scenarioID: String
    var scenarioTitle: String
    var status: String
    @ExplicitNull var score: Double?
    var startedAt: String
    @ExplicitNull var endedAt: String?
    @ExplicitNull var timeToAcknowledgeSeconds: Double?
    @ExplicitNull var timeToEscalateSeconds: Double?
    @ExplicitNull var timeToFirstActionSeconds: Double?
    @ExplicitNull var timeToResolveSeconds: Double?
    var openCorrectiveActions: Int
    /// Stored values that could not be read (a damaged or edited record).
    var recordProblems: [String]
    @ExplicitNull var mode: String?
    @ExplicitNull var objectivesExercised: Int?
    @ExplicitNull var objectivesTotal: Int?
    @ExplicitNull var complete: Bool?
    @ExplicitNull var detectionAtSeconds: Double?
    @ExplicitNull var timeToEffectiveEscalationSeconds: Double?
    @ExplicitNull var timeToEffectiveActionSeconds: Double?

    init(_ row: HistoryRow) {
        runID = row.runID
        scenarioID = row.scenarioID
        scenarioTitle = row.scenarioTitle
        status = row.status.rawValue
        score = row.score
        startedAt = Formats.utc(row.startedAt)
        endedAt = row.endedAt.map(Formats.utc)
        timeToAcknowledgeSeconds = Formats.seconds(row.ackMs)
        timeToEscalateSeconds = Formats.seconds(row.escalateMs)
        timeToFirstActionSeconds = Formats.seconds(row.firstActionMs)
        timeToResolveSeconds = Formats.seconds(row.resolveMs)
        openCorrectiveActions = row.openActions
        recordProblems = row.damage
        mode = row.mode?.rawValue
        objectivesExercised = row.objectivesExercised
        objectivesTotal = row.objectivesTotal
        complete = row.complete
        detectionAtSeconds = Formats.seconds(row.detectionMs)
        timeToEffectiveEscalationSeconds = Formats.seconds(row.effectiveEscalationMs)
        timeToEffectiveActionSeconds = Formats.seconds(row.effectiveActionMs)
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", scenarioID = "scenario_id", scenarioTitle = "scenario_title", status, score
        case startedAt = "started_at", endedAt = "ended_at"
        case timeToAcknowledgeSeconds = "time_to_acknowledge_seconds", timeToEscalateSeconds = "time_to_escalate_seconds"
        case timeToFirstActionSeconds = "time_to_first_action_seconds", timeToResolveSeconds = "time_to_resolve_seconds"
        case openCorrectiveActions = "open_corrective_actions"
        case recordProblems = "record_problems"
        case mode, objectivesExercised = "objectives_exercised", objectivesTotal = "objectives_total", complete
        case detectionAtSeconds = "detection_at_seconds"
        case timeToEffectiveEscalationSeconds = "time_to_effective_escalation_seconds"
        case timeToEffectiveActionSeconds = "time_to_effective_action_seconds"
    }

    static let csvHeader = CodingKeys.allCases.map(\.rawValue)

    var csvFields: [String] {
        [runID, scenarioID, scenarioTitle, status, Formats.number(score), startedAt, endedAt ?? "",
         Formats.number(timeToAcknowledgeSeconds), Formats.number(timeToEscalateSeconds),
         Formats.number(timeToFirstActionSeconds), Formats.number(timeToResolveSeconds), "\(openCorrectiveActions)",
         recordProblems.joined(separator: "; "), mode ?? "", objectivesExercised.map { "\($0)" } ?? "",
         objectivesTotal.map { "\($0)" } ?? "", complete.map { $0 ? "true" : "false" } ?? "",
         Formats.number(detectionAtSeconds), Formats.number(timeToEffectiveEscalationSeconds), Formats.number(timeToEffectiveActionSeconds)]
    }
}

extension HistoryEntry.CodingKeys: CaseIterable {}
