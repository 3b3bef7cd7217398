import ArgumentParser
import FiredrillCore
import FiredrillRecords
import FiredrillReporting
import FiredrillStore
import Foundation

enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

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

        @Option(help: "Output: table, json or csv.")
        var format: ListFormat = .table

        @OptionGroup var csvOptions: CSVOptions

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
            switch format {
            case .json: Console.out(try JSONReportRenderer.encode(rows.map(HistoryEntry.init)))
            case .csv:
                var csv = CSVDocument(header: HistoryEntry.csvHeader)
                for row in rows { csv.append(HistoryEntry(row).csvFields) }
                Console.out(csv.text(byteOrderMark: csvOptions.byteOrderMark))
            case .table:
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
                if rows.isEmpty {
                    Console.out("no runs recorded in \(database.location)\n")
                } else {
                    Console.out(table(lines))
                    Console.out("Times are drill time from the start; 'eff.': the first escalation or action that met an objective.\n")
                }
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

/// A history row as written in JSON and CSV.
struct HistoryEntry: Encodable {
    var runID: String
    var scenarioID: String
    var scenarioTitle: String
    var status: String
    var score: Double?
    var startedAt: String
    var endedAt: String?
    var timeToAcknowledgeSeconds: Double?
    var timeToEscalateSeconds: Double?
    var timeToFirstActionSeconds: Double?
    var timeToResolveSeconds: Double?
    var openCorrectiveActions: Int
    /// Stored values that could not be read (a damaged or edited record).
    var recordProblems: [String]
    var mode: String?
    var objectivesExercised: Int?
    var objectivesTotal: Int?
    var complete: Bool?
    var detectionAtSeconds: Double?
    var timeToEffectiveEscalationSeconds: Double?
    var timeToEffectiveActionSeconds: Double?

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

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runID, forKey: .runID)
        try container.encode(scenarioID, forKey: .scenarioID)
        try container.encode(scenarioTitle, forKey: .scenarioTitle)
        try container.encode(status, forKey: .status)
        try container.encode(score, forKey: .score)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(endedAt, forKey: .endedAt)
        try container.encode(timeToAcknowledgeSeconds, forKey: .timeToAcknowledgeSeconds)
        try container.encode(timeToEscalateSeconds, forKey: .timeToEscalateSeconds)
        try container.encode(timeToFirstActionSeconds, forKey: .timeToFirstActionSeconds)
        try container.encode(timeToResolveSeconds, forKey: .timeToResolveSeconds)
        try container.encode(openCorrectiveActions, forKey: .openCorrectiveActions)
        try container.encode(recordProblems, forKey: .recordProblems)
        try container.encode(mode, forKey: .mode)
        try container.encode(objectivesExercised, forKey: .objectivesExercised)
        try container.encode(objectivesTotal, forKey: .objectivesTotal)
        try container.encode(complete, forKey: .complete)
        try container.encode(detectionAtSeconds, forKey: .detectionAtSeconds)
        try container.encode(timeToEffectiveEscalationSeconds, forKey: .timeToEffectiveEscalationSeconds)
        try container.encode(timeToEffectiveActionSeconds, forKey: .timeToEffectiveActionSeconds)
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
